package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One line of speech as a transcript gives it: a paragraph, with its speaker as labelled by the source.
 *
 * @param speakerLabel the speaker label as the source writes it, or null where the source names no one
 * @param affiliation  the speaker's firm or title when the source gives it, else null
 * @param role         the speaker's role where the source states it (a participants list, an "Analyst" title),
 *                     else {@link Role#UNKNOWN}: a role is never guessed here
 * @param section      the part of the call the line is in ({@link Section#UNKNOWN} when the source does not say)
 * @param text         the spoken text, cleaned of transport artefacts
 * @param callOffsetMs milliseconds from the start of the call to the line's first word
 * @param durationMs   how long the line lasts in the audio, or null when unknown
 * @param flags        quality remarks on the line
 */
public record ParsedLine(
        String speakerLabel,
        String affiliation,
        Role role,
        Section section,
        String text,
        long callOffsetMs,
        Long durationMs,
        Set<LineFlag> flags) {

    public ParsedLine {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(text, "text");
        if (callOffsetMs < 0) {
            throw new IllegalArgumentException("callOffsetMs must be >= 0: " + callOffsetMs);
        }
        if (durationMs != null && durationMs < 0) {
            throw new IllegalArgumentException("durationMs must be >= 0: " + durationMs);
        }
        // EnumSet keeps the flags in declaration order, so equal lines print and serialize alike.
        flags = flags == null || flags.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** A line whose source does not state the speaker's role. */
    public ParsedLine(String speakerLabel, String affiliation, Section section, String text, long callOffsetMs,
                      Long durationMs, Set<LineFlag> flags) {
        this(speakerLabel, affiliation, Role.UNKNOWN, section, text, callOffsetMs, durationMs, flags);
    }
}
