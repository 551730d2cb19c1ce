package io.callstream.ingest.parse;

import io.callstream.avro.Role;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the speaker line or lines that open a turn in the participants layout, from the first lines after a
 * turn break. Tried in this order:
 * <ol>
 *   <li>{@code Operator}: the operator, one line.</li>
 *   <li>A listed name: role from the list; affiliation from the next line when it is a {@code Company - Title}
 *       line (two lines), else from the list (one line).</li>
 *   <li>A name line and a {@code Company - Title} line: a speaker the lists do not name, so
 *       {@link Role#UNKNOWN}, with the affiliation the header gives.</li>
 *   <li>{@code Name, Company - Title} on one line; role from the list when the name is listed.</li>
 *   <li>A listed name followed on the same line by a {@code Company - Title}, no comma between.</li>
 *   <li>A placeholder such as {@code Unidentified Participant}, with the affiliation line if one follows.</li>
 * </ol>
 * Anything else is speech: the lines after a break open a turn only when they read as a header all through.
 */
final class ParticipantTurnHeader {

    /** A header that was read, and how many lines it took. */
    record Match(TurnSpeaker speaker, int lineCount) {
    }

    private static final Pattern UNNAMED = Pattern.compile("(?i)(?:unidentified|unknown)(?: \\p{L}+){1,3}");

    private final ParticipantList participants;

    ParticipantTurnHeader(ParticipantList participants) {
        this.participants = participants;
    }

    /**
     * @param firstLine  the first line after a turn break, whitespace collapsed
     * @param secondLine the line after it, or null when a break or the end comes first
     */
    Optional<Match> read(String firstLine, String secondLine) {
        String first = SpeakerLines.clean(firstLine);
        String second = secondLine == null ? null : SpeakerLines.clean(secondLine);
        boolean companyTitleFollows = second != null && SpeakerLines.isCompanyTitle(second);
        if (first.equalsIgnoreCase(TurnSpeaker.OPERATOR_LABEL)) {
            return Optional.of(new Match(TurnSpeaker.operator(), 1));
        }
        Optional<TurnSpeaker> listed = participants.find(first);
        if (listed.isPresent()) {
            return Optional.of(companyTitleFollows
                    ? new Match(new TurnSpeaker(first, second, listed.get().role()), 2)
                    : new Match(new TurnSpeaker(first, listed.get().affiliation(), listed.get().role()), 1));
        }
        if (companyTitleFollows && SpeakerLines.isNamedSpeaker(first, second)) {
            return Optional.of(new Match(new TurnSpeaker(first, second, Role.UNKNOWN), 2));
        }
        Optional<Match> oneLine = oneLine(first);
        if (oneLine.isPresent()) {
            return oneLine;
        }
        if (UNNAMED.matcher(first).matches()) {
            return Optional.of(companyTitleFollows
                    ? new Match(new TurnSpeaker(first, second, Role.UNKNOWN), 2)
                    : new Match(new TurnSpeaker(first, null, Role.UNKNOWN), 1));
        }
        return Optional.empty();
    }

    private Optional<Match> oneLine(String line) {
        Optional<Match> combined = SpeakerLines.splitAtComma(line)
                .filter(found -> participants.find(found.name()).isPresent()
                        || SpeakerLines.isNamedSpeaker(found.name(), found.affiliation()))
                .map(found -> new Match(new TurnSpeaker(found.name(), found.affiliation(), roleOf(found.name())), 1));
        if (combined.isPresent()) {
            return combined;
        }
        return participants.findOpening(line).flatMap(listed -> {
            int nameEnd = listed.label().length();
            String affiliation = line.substring(nameEnd + 1);
            return SpeakerLines.isCompanyTitle(affiliation)
                    ? Optional.of(new Match(new TurnSpeaker(line.substring(0, nameEnd), affiliation, listed.role()), 1))
                    : Optional.empty();
        });
    }

    private Role roleOf(String name) {
        return participants.find(name).map(TurnSpeaker::role).orElse(Role.UNKNOWN);
    }
}
