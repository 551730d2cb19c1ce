package io.callstream.ingest.parse;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The speaker lines of the participants layout, as its lists and turn headers write them: a name line, a
 * {@code Company - Title} line, or both on one line ({@code Elon Musk, Tesla Inc - CEO}), with an optional
 * bullet before ({@code * }) and a running number after ({@code [3]}).
 */
final class SpeakerLines {

    /** A name and the affiliation written with it on one line. */
    record NameAndAffiliation(String name, String affiliation) {
    }

    private static final int MAX_AFFILIATION_LENGTH = 120;
    private static final Pattern BULLET = Pattern.compile("^[*•] ?");
    private static final Pattern RUNNING_NUMBER = Pattern.compile(" ?\\[\\d+]$");
    private static final Pattern COMPANY_TITLE = Pattern.compile("[\\p{Lu}\\p{N}][^?!;…]* - [\\p{Lu}\\p{N}][^?!;…]*");
    private static final Pattern ENDS_WITH_ABBREVIATION = Pattern.compile("(?<!\\p{L})\\p{Lu}\\p{L}{0,3}\\.$");

    private SpeakerLines() {
    }

    /** The line without the list's bullet and the export's running number. */
    static String clean(String line) {
        return RUNNING_NUMBER.matcher(BULLET.matcher(line).replaceFirst("")).replaceFirst("");
    }

    /**
     * Whether {@code line} reads as a {@code Company - Title} line: short, capitalised on both sides of " - ",
     * and no sentence in it (a final period only after an abbreviation such as {@code Co.}).
     */
    static boolean isCompanyTitle(String line) {
        return line.length() <= MAX_AFFILIATION_LENGTH
                && COMPANY_TITLE.matcher(line).matches()
                && (!WrappedText.endsSentence(line) || ENDS_WITH_ABBREVIATION.matcher(line).find());
    }

    /**
     * Whether {@code name} and {@code companyTitle} read as a speaker the lists do not name. The name is judged
     * as the vendor layout judges its {@code Name - Affiliation} headers ({@link VendorHeader}: two to six
     * capitalised words), which is the same information on one line.
     */
    static boolean isNamedSpeaker(String name, String companyTitle) {
        return isCompanyTitle(companyTitle) && VendorHeader.parse(name + " - " + companyTitle).isPresent();
    }

    /**
     * {@code Name, Company - Title} on one line, split at the first comma (names hold none, companies may), when
     * what follows the comma is a {@code Company - Title}; whether the name is one is for the caller to judge.
     */
    static Optional<NameAndAffiliation> splitAtComma(String line) {
        int comma = line.indexOf(", ");
        if (comma <= 0 || !isCompanyTitle(line.substring(comma + 2))) {
            return Optional.empty();
        }
        return Optional.of(new NameAndAffiliation(line.substring(0, comma), line.substring(comma + 2)));
    }

    /** {@link #splitAtComma} where the part before the comma reads as a name. */
    static Optional<NameAndAffiliation> combined(String line) {
        return splitAtComma(line).filter(found -> isNamedSpeaker(found.name(), found.affiliation()));
    }
}
