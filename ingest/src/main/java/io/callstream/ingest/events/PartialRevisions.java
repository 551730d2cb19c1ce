package io.callstream.ingest.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;

/**
 * Makes a replayed call behave like a live transcription feed ({@code --partials}): each final sentence is first
 * sent as PARTIAL revisions holding growing prefixes of its words, spread over the time the sentence is spoken,
 * then as the FINAL revision when it ends. Same lineId throughout, rising revision, so downstream sees exactly
 * what a live provider sends.
 */
public final class PartialRevisions {

    /** Speaking pace assumed where a line's duration is unknown (about 150 words a minute). */
    private static final long MS_PER_WORD = 400;

    private final int maxPartials;

    /** @param maxPartials how many PARTIAL revisions at most per line (fewer for short lines) */
    public PartialRevisions(int maxPartials) {
        if (maxPartials < 1) {
            throw new IllegalArgumentException("maxPartials must be at least 1: " + maxPartials);
        }
        this.maxPartials = maxPartials;
    }

    public List<CallEvent> apply(List<CallEvent> events) {
        List<CallEvent> out = new ArrayList<>();
        long lastObserved = Long.MIN_VALUE;
        for (CallEvent event : events) {
            List<CallEvent> expanded = event.getPayload() instanceof TranscriptLine line && line.getStatus() == Status.FINAL
                    ? revisions(event, line) : List.of(event);
            for (CallEvent e : expanded) {
                // A later event is never observed before an earlier one, whatever the source's rounding.
                long observed = Math.max(lastObserved, e.getObservedAt().toEpochMilli());
                lastObserved = observed;
                out.add(CallEvent.newBuilder(e).setObservedAt(Instant.ofEpochMilli(observed)).build());
            }
        }
        return out;
    }

    private List<CallEvent> revisions(CallEvent event, TranscriptLine line) {
        String[] words = line.getText().split(" ");
        int partials = Math.min(maxPartials, words.length - 1);
        long duration = line.getDurationMs() != null ? line.getDurationMs() : MS_PER_WORD * words.length;
        long start = event.getObservedAt().toEpochMilli();
        int base = line.getRevision();
        List<CallEvent> out = new ArrayList<>(partials + 1);
        for (int i = 1; i <= partials; i++) {
            int wordCount = (int) Math.ceil((double) i * words.length / (partials + 1));
            String prefix = String.join(" ", Arrays.copyOf(words, wordCount));
            out.add(revision(event, line, base + i - 1, Status.PARTIAL, prefix, start + duration * i / (partials + 1)));
        }
        out.add(revision(event, line, base + partials, Status.FINAL, line.getText(), start + duration));
        return out;
    }

    private static CallEvent revision(CallEvent event, TranscriptLine line, int revision, Status status, String text,
                                      long observedAt) {
        TranscriptLine copy = TranscriptLine.newBuilder(line).setRevision(revision).setStatus(status).setText(text).build();
        return CallEvent.newBuilder(event).setObservedAt(Instant.ofEpochMilli(observedAt)).setPayload(copy).build();
    }
}
