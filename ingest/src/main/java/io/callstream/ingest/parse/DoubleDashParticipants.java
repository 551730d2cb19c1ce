package io.callstream.ingest.parse;

import io.callstream.avro.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Call participants:} list at the end of a double-dash transcript, and the authority on who is who: the
 * site writes it once, with care, while the headers above are typed turn by turn and drift ("Adam Jonas -- Morgan
 * Stanley" where the list has "Adam Jonas -- Morgan Stanley -- Analyst", a first name alone, a firm left out).
 *
 * <p>A body line is a header when {@link DoubleDashHeader} reads it, when it is a listed name alone, or when it is a
 * listed name followed by {@code --} and parts that read as affiliations. A listed speaker's header takes the list's
 * name, affiliation and role wherever the list states them, so every turn of one person says the same. Names match
 * whatever their case; the first listing of a name wins.
 */
final class DoubleDashParticipants {

    private final Map<String, TurnSpeaker> byName;

    private DoubleDashParticipants(Map<String, TurnSpeaker> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The list read from the lines after the speech; the site's links and notes around it are no entry. */
    static DoubleDashParticipants of(List<SourceLine> endMatter) {
        Map<String, TurnSpeaker> byName = new HashMap<>();
        for (SourceLine line : endMatter) {
            DoubleDashHeader.listEntry(line.text()).ifPresent(entry -> byName.putIfAbsent(key(entry.label()), entry));
        }
        return new DoubleDashParticipants(byName);
    }

    /** @param line a body line, whitespace collapsed; the speaker whose turn it opens, if it is a header */
    Optional<TurnSpeaker> header(String line) {
        Optional<TurnSpeaker> read = DoubleDashHeader.parse(line);
        if (read.isPresent()) {
            return Optional.of(Optional.ofNullable(byName.get(key(read.get().label())))
                    .map(listed -> confirmed(read.get(), listed))
                    .orElse(read.get()));
        }
        TurnSpeaker alone = byName.get(key(line));
        if (alone != null) {
            return Optional.of(alone);
        }
        int separator = line.indexOf(DoubleDashHeader.SEPARATOR);
        if (separator < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(key(line.substring(0, separator))))
                .filter(listed -> DoubleDashHeader.affiliationParts(
                        line.substring(separator + DoubleDashHeader.SEPARATOR.length())).isPresent());
    }

    private static TurnSpeaker confirmed(TurnSpeaker read, TurnSpeaker listed) {
        return new TurnSpeaker(listed.label(),
                listed.affiliation() != null ? listed.affiliation() : read.affiliation(),
                listed.role() != Role.UNKNOWN ? listed.role() : read.role());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
