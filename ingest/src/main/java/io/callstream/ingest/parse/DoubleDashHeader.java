package io.callstream.ingest.parse;

import io.callstream.avro.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A turn header line of the double-dash layout, read on its own: {@code Name -- Title} (the company's people),
 * {@code Name -- Firm -- Analyst}, {@code Operator}, or a placeholder for a speaker the transcriber could not
 * name ({@code Unknown speaker}, {@code Unidentified Participant}).
 *
 * <p>The layout states the role by the header's shape, so the role is read from it: two parts are a company
 * speaker and a title ({@link Role#EXECUTIVE}), a last part {@code Analyst} an analyst and, before it, the firm
 * ({@link Role#ANALYST}). Any other shape keeps its parts after the name as the affiliation, with
 * {@link Role#UNKNOWN}. Speech uses " -- " as a dash too, so each part must look like a name or an affiliation
 * all through, as the vendor layout judges them ({@link VendorHeader}): a name of capitalised words and parts
 * without sentence punctuation.
 */
final class DoubleDashHeader {

    static final String SEPARATOR = " -- ";

    private static final String ANALYST = "Analyst";
    private static final int MAX_LENGTH = 160;
    private static final Pattern UNNAMED = Pattern.compile("(?i)(?:unknown|unidentified)(?: \\p{L}+){1,2}");

    private DoubleDashHeader() {
    }

    /** @param line a line with its whitespace collapsed ({@link SourceLine#text()}) */
    static Optional<TurnSpeaker> parse(String line) {
        if (line.equals(TurnSpeaker.OPERATOR_LABEL)) {
            return Optional.of(TurnSpeaker.operator());
        }
        if (UNNAMED.matcher(line).matches()) {
            return Optional.of(new TurnSpeaker(line, null, Role.UNKNOWN));
        }
        return dashed(line);
    }

    /** Only the {@code Name -- ...} shape, the one no other layout writes. */
    static Optional<TurnSpeaker> dashed(String line) {
        return dashed(line, false);
    }

    /**
     * An entry of the {@code Call participants:} list, which holds nothing but headers: there a first name alone is
     * a name whatever follows it.
     */
    static Optional<TurnSpeaker> listEntry(String line) {
        return dashed(line, true);
    }

    /** The parts after a header's name, when each reads as an affiliation; else empty. */
    static Optional<List<String>> affiliationParts(String afterName) {
        List<String> parts = Arrays.asList(afterName.split(SEPARATOR, -1));
        return parts.stream().allMatch(VendorHeader::isAffiliation) ? Optional.of(parts) : Optional.empty();
    }

    private static Optional<TurnSpeaker> dashed(String line, boolean listed) {
        List<String> parts = Arrays.asList(line.split(SEPARATOR, -1));
        if (parts.size() < 2) {
            return Optional.empty();
        }
        String name = parts.get(0);
        String last = parts.get(parts.size() - 1);
        // Real files name some speakers by a first name alone ("Eddie -- Cowen and Company, LLC -- Analyst"); so does
        // speech ("Right -- Exactly"), so a single name needs a header's other half: an analyst's firm, or a title.
        boolean single = listed || parts.size() == 3 && last.equals(ANALYST)
                || parts.size() == 2 && Affiliations.isJobTitle(last);
        if (line.length() > MAX_LENGTH || !VendorHeader.isName(name, single)
                || affiliationParts(line.substring(name.length() + SEPARATOR.length())).isEmpty()) {
            return Optional.empty();
        }
        if (last.equals(ANALYST) && parts.size() <= 3) {
            return Optional.of(new TurnSpeaker(name, parts.size() == 3 ? parts.get(1) : null, Role.ANALYST));
        }
        if (parts.size() == 2) {
            return Optional.of(new TurnSpeaker(name, last, Role.EXECUTIVE));
        }
        return Optional.of(new TurnSpeaker(name, String.join(SEPARATOR, parts.subList(1, parts.size())),
                Role.UNKNOWN));
    }
}
