package io.callstream.ingest.parse;

import io.callstream.avro.Role;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code CORPORATE PARTICIPANTS} and {@code CONFERENCE CALL PARTICIPANTS} lists of the participants layout:
 * the only place that layout states roles. The company's people are {@link Role#EXECUTIVE}, everyone on the
 * conference-call list {@link Role#ANALYST}.
 *
 * <p>An entry is a name line directly followed by a {@code Company - Title} line, or both on one line; a name with
 * no such line right after it is listed without an affiliation. The line after a name is taken for its company line
 * whenever it reads as one, even if it could also be another entry on one line ({@code Robert W. Baird, Inc. -
 * Analyst} reads both ways), because an export writes all its entries one way. Names match whatever their case,
 * since an export may capitalise a list differently from its turn headers; the first listing of a name wins.
 */
final class ParticipantList {

    private final Map<String, TurnSpeaker> byName;

    private ParticipantList(Map<String, TurnSpeaker> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** @param corporate the lines of the corporate list; @param conference those of the conference-call list */
    static ParticipantList of(List<SourceLine> corporate, List<SourceLine> conference) {
        Map<String, TurnSpeaker> byName = new LinkedHashMap<>();
        read(corporate, Role.EXECUTIVE, byName);
        read(conference, Role.ANALYST, byName);
        return new ParticipantList(byName);
    }

    Optional<TurnSpeaker> find(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    /**
     * The listed person whose name opens {@code line}, followed by a space: some exports write the name and
     * the affiliation on one line with no comma between, where only the list shows where the name ends.
     */
    Optional<TurnSpeaker> findOpening(String line) {
        String wanted = key(line);
        return byName.entrySet().stream()
                .filter(e -> wanted.startsWith(e.getKey() + " "))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    private static void read(List<SourceLine> lines, Role role, Map<String, TurnSpeaker> byName) {
        String pending = null;
        for (SourceLine line : lines) {
            if (line.isBlank() || ParticipantListsTranscriptFormat.isRule(line.text())) {
                if (pending != null) {
                    add(byName, new TurnSpeaker(pending, null, role));
                    pending = null;
                }
                continue;
            }
            String text = SpeakerLines.clean(line.text());
            if (pending != null) {
                boolean companyLine = SpeakerLines.isCompanyTitle(text);
                add(byName, new TurnSpeaker(pending, companyLine ? text : null, role));
                pending = null;
                if (companyLine) {
                    continue;
                }
            }
            Optional<SpeakerLines.NameAndAffiliation> combined = SpeakerLines.combined(text);
            if (combined.isPresent()) {
                add(byName, new TurnSpeaker(combined.get().name(), combined.get().affiliation(), role));
            } else if (!SpeakerLines.isCompanyTitle(text)) {
                // A company line with no name before it names no one, so it lists no one.
                pending = text;
            }
        }
        if (pending != null) {
            add(byName, new TurnSpeaker(pending, null, role));
        }
    }

    private static void add(Map<String, TurnSpeaker> byName, TurnSpeaker speaker) {
        byName.putIfAbsent(key(speaker.label()), speaker);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
