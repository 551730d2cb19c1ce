package io.callstream.deploy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;

/**
 * The turns a call's lines should make, worked out from the parsed lines alone, independently of the topology: a
 * new turn starts wherever the speaker label changes or the section the source gives changes.
 *
 * <p>Only the section the source gives counts. Where the source gives none (timed layouts: every line
 * {@link Section#UNKNOWN}), turn assembly infers the Q&amp;A from the operator's cue, and that inference never splits
 * a turn: a cue in the middle of a turn moves the whole turn into the Q&amp;A, and a cue at the start of another
 * speaker's line falls on a speaker change that splits anyway.
 */
public final class SpeakerChanges {

    /** One expected turn: who speaks, the section the source gives, and the lines it runs from and to. */
    public record Turn(String speakerLabel, Section sourceSection, String firstLineId, String lastLineId) {
    }

    private SpeakerChanges() {
    }

    /** @param events a call's events as loaded (one FINAL line per seq, in seq order) */
    public static List<Turn> of(List<CallEvent> events) {
        List<Turn> turns = new ArrayList<>();
        for (CallEvent event : events) {
            if (!(event.getPayload() instanceof TranscriptLine line) || line.getStatus() != Status.FINAL) {
                continue;
            }
            Turn open = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (open != null && Objects.equals(open.speakerLabel(), line.getSpeakerLabel())
                    && open.sourceSection() == line.getSection()) {
                turns.set(turns.size() - 1, new Turn(open.speakerLabel(), open.sourceSection(), open.firstLineId(),
                        line.getLineId()));
            } else {
                turns.add(new Turn(line.getSpeakerLabel(), line.getSection(), line.getLineId(), line.getLineId()));
            }
        }
        return List.copyOf(turns);
    }

    /** How many turns the call's lines should make. */
    public static int count(List<CallEvent> events) {
        return of(events).size();
    }
}
