package io.callstream.ingest.parse;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A speaker header line of the vendor layout: {@code Full Name - Affiliation}, or {@code Operator}.
 *
 * <p>Speech can contain " - " too, so a line is a header only when it looks like one all through:
 * short; a name of 2 to 6 capitalised words or initials (lower-case particles such as "van" or "de"
 * allowed inside); an affiliation that starts with a capital or digit and holds no sentence
 * punctuation once abbreviations ({@code W.}, {@code Co.}, {@code Inc.}, {@code Corp.}) are set
 * aside. The line splits at the first " - ": vendors do not put " - " in names, but an affiliation
 * may carry one ({@code Acme Corp. - Research Division}). That the line stands alone, followed by a
 * blank line, is checked by the caller, which sees the layout around it.
 */
record VendorHeader(String label, String affiliation) {

    static final String OPERATOR = "Operator";

    private static final int MAX_LENGTH = 120;
    private static final int MAX_AFFILIATION_LENGTH = 100;
    private static final String SEPARATOR = " - ";
    // A word of a name: initials ("W.", "A.B."), "Jr."/"Sr.", or a capitalised word.
    private static final String WORD = "(?:(?:\\p{Lu}\\.)+|(?:Jr|Sr)\\.|\\p{Lu}[\\p{L}'’\\-]*)";
    private static final String PARTICLE = "(?:van|von|de|der|den|del|della|da|di|du|la|le|dos|das|bin|al|ter|ten)";
    private static final Pattern NAME = Pattern.compile(WORD + "(?: (?:" + PARTICLE + " )*" + WORD + "){1,5}");
    /** A single capitalised word: a name only where the header's shape says so ({@link DoubleDashHeader}). */
    private static final Pattern SINGLE_NAME = Pattern.compile("\\p{Lu}[\\p{L}'’\\-]+");
    private static final Pattern AFFILIATION_START = Pattern.compile("^[\\p{Lu}\\p{N}]");
    private static final Pattern ABBREVIATION = Pattern.compile("(?<!\\p{L})\\p{Lu}\\p{L}{0,3}\\.");
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[.?!;:…]");

    static Optional<VendorHeader> parse(String line) {
        String candidate = line.strip();
        if (candidate.equals(OPERATOR)) {
            return Optional.of(new VendorHeader(OPERATOR, null));
        }
        int separator = candidate.indexOf(SEPARATOR);
        if (candidate.length() > MAX_LENGTH || separator < 0) {
            return Optional.empty();
        }
        String name = candidate.substring(0, separator).strip();
        String affiliation = candidate.substring(separator + SEPARATOR.length()).strip();
        if (!NAME.matcher(name).matches() || !isAffiliation(affiliation)) {
            return Optional.empty();
        }
        return Optional.of(new VendorHeader(name, affiliation));
    }

    /** Whether {@code name} reads as a person's name: 2 to 6 words, or one where {@code single} allows it. */
    static boolean isName(String name, boolean single) {
        return NAME.matcher(name).matches() || single && SINGLE_NAME.matcher(name).matches();
    }

    static boolean isAffiliation(String text) {
        return text.length() <= MAX_AFFILIATION_LENGTH
                && AFFILIATION_START.matcher(text).find()
                && !SENTENCE_PUNCTUATION.matcher(ABBREVIATION.matcher(text).replaceAll("")).find();
    }
}
