package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.schemas.limits.EventText;
import io.callstream.schemas.limits.RecordLimits;

/**
 * Puts one call's lines in {@code seq} order, holding early lines in a bounded buffer ({@code pending} in the call's
 * state) until the gap before them fills.
 *
 * <p>Rules:
 * <ul>
 *   <li>A line with {@code seq >= nextSeq} waits in the buffer; lines leave it in seq order as soon as they continue
 *       the run from {@code nextSeq} (a line with {@code seq == nextSeq} leaves at once).</li>
 *   <li>A second copy of a waiting seq: a {@link RevisionVerdict#NEWER newer} revision replaces it; a duplicate or a
 *       stale copy is dropped; a different lineId on the same seq is refused ({@link Admission#SEQ_TAKEN}).</li>
 *   <li>A line with {@code seq < nextSeq} is {@link Admission#BEHIND}: it can only be a revision of a line already
 *       applied, or too late; the caller decides.</li>
 *   <li>A gap is given up, its seqs skipped and handed to the next released line, when the buffer holds more than
 *       {@link AssemblyBounds#maxBufferedLines()} lines or more than {@link RecordLimits#MAX_BUFFERED_TEXT_BYTES} of
 *       text (the buffer lives in the call's state, which must fit in a changelog record), or when the latest call time waiting
 *       ({@code max(callOffsetMs)} over the buffer) is more than {@link AssemblyBounds#maxGapCallTimeMs()} past
 *       {@code lastReleasedOffsetMs}, the call time of the line just before the gap (0, the call's start, before the
 *       first line). At the call's end every gap is given up.</li>
 * </ul>
 * Only record contents decide (seq, callOffsetMs, counts), never the wall clock, so a replay releases the same lines
 * in the same order whatever the arrival order within the bounds.
 */
final class LineSequencer {

    enum Admission { BUFFERED, DUPLICATE, STALE, SEQ_TAKEN, BEHIND }

    /** A line to apply, with the seqs given up just before it. */
    record Release(CallEvent event, TranscriptLine line, List<Long> skippedBefore) {
    }

    private final AssemblyBounds bounds;

    LineSequencer(AssemblyBounds bounds) {
        this.bounds = bounds;
    }

    Admission admit(TurnAssemblyState state, CallEvent event) {
        TranscriptLine line = lineOf(event);
        if (line.getSeq() < state.getNextSeq()) {
            return Admission.BEHIND;
        }
        List<CallEvent> pending = new ArrayList<>(state.getPending());
        int at = 0;
        while (at < pending.size() && lineOf(pending.get(at)).getSeq() < line.getSeq()) {
            at++;
        }
        if (at < pending.size() && lineOf(pending.get(at)).getSeq() == line.getSeq()) {
            TranscriptLine held = lineOf(pending.get(at));
            if (!held.getLineId().equals(line.getLineId())) {
                return Admission.SEQ_TAKEN;
            }
            RevisionVerdict verdict = RevisionVerdict.of(held.getRevision(), held.getText(), line.getRevision(),
                    line.getText());
            if (verdict != RevisionVerdict.NEWER) {
                return verdict == RevisionVerdict.DUPLICATE ? Admission.DUPLICATE : Admission.STALE;
            }
            pending.set(at, event);
        } else {
            pending.add(at, event);
        }
        state.setPending(pending);
        return Admission.BUFFERED;
    }

    /**
     * Takes from the buffer every line that may go now, in seq order, skipping the gaps the bounds give up (all gaps
     * when {@code callEnded}).
     */
    List<Release> release(TurnAssemblyState state, boolean callEnded) {
        List<CallEvent> pending = new ArrayList<>(state.getPending());
        List<Release> released = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        while (!pending.isEmpty()) {
            CallEvent first = pending.get(0);
            long seq = lineOf(first).getSeq();
            if (seq == state.getNextSeq()) {
                pending.remove(0);
                released.add(new Release(first, lineOf(first), List.copyOf(skipped)));
                skipped.clear();
                state.setNextSeq(seq + 1);
                state.setLastReleasedOffsetMs(first.getCallOffsetMs());
            } else if (callEnded || gapExpired(state, pending)) {
                for (long s = state.getNextSeq(); s < seq; s++) {
                    skipped.add(s);
                }
                state.setSeqsSkipped(state.getSeqsSkipped() + (seq - state.getNextSeq()));
                state.setNextSeq(seq);
            } else {
                break;
            }
        }
        state.setPending(pending);
        return released;
    }

    private boolean gapExpired(TurnAssemblyState state, List<CallEvent> pending) {
        if (pending.size() > bounds.maxBufferedLines() || bufferedBytes(pending) > RecordLimits.MAX_BUFFERED_TEXT_BYTES) {
            return true;
        }
        long latest = pending.stream().mapToLong(CallEvent::getCallOffsetMs).max().orElse(Long.MIN_VALUE);
        return latest - state.getLastReleasedOffsetMs() > bounds.maxGapCallTimeMs();
    }

    private static long bufferedBytes(List<CallEvent> pending) {
        long bytes = 0;
        for (CallEvent event : pending) {
            bytes += EventText.utf8Bytes(lineOf(event).getText());
        }
        return bytes;
    }

    private static TranscriptLine lineOf(CallEvent event) {
        return (TranscriptLine) event.getPayload();
    }
}
