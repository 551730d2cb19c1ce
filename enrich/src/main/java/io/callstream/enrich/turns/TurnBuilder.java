package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnLine;
import io.callstream.avro.state.TurnLines;

/**
 * One turn and the lines it is made of ({@link TurnLines}, as kept in state). The turn's text is always derived by
 * joining the lines' latest revisions, so a revised line replaces its old text instead of adding to it. Every change
 * returns the snapshot to emit, one version higher than the last, stamped with the seq of the newest line applied
 * ({@code knownAtSeq}): a line of this turn when it grows, a later one when a close or a correction comes after it.
 */
final class TurnBuilder {

    private final TurnLines held;

    private TurnBuilder(TurnLines held) {
        this.held = held;
    }

    static TurnBuilder of(TurnLines held) {
        return new TurnBuilder(held);
    }

    /** A new turn from its first line, PARTIAL, version 0; {@code missingSeqs} were given up just before it. */
    static TurnBuilder start(String callId, int turnIndex, Speaker speaker, CallEvent event, TranscriptLine line,
                             List<Long> missingSeqs) {
        SpeakerTurn turn = SpeakerTurn.newBuilder()
                .setCallId(callId)
                .setTurnIndex(turnIndex)
                .setVersion(0)
                .setStatus(Status.PARTIAL)
                .setSpeaker(speaker)
                .setSection(line.getSection())
                .setText(TurnText.normalize(line.getText()))
                .setLineCount(1)
                .setFirstLineId(line.getLineId())
                .setLastLineId(line.getLineId())
                .setFirstSeq(line.getSeq())
                .setLastSeq(line.getSeq())
                .setStartOffsetMs(event.getCallOffsetMs())
                .setEndOffsetMs(endOffsetOf(event, line))
                .setFirstObservedAt(event.getObservedAt())
                .setLastObservedAt(event.getObservedAt())
                .setMissingSeqs(new ArrayList<>(missingSeqs))
                .setKnownAtSeq(line.getSeq())
                .build();
        return new TurnBuilder(new TurnLines(turn, new ArrayList<>(List.of(lineOf(line)))));
    }

    TurnLines held() {
        return held;
    }

    SpeakerTurn turn() {
        return held.getTurn();
    }

    Speaker speaker() {
        return held.getTurn().getSpeaker();
    }

    Section section() {
        return held.getTurn().getSection();
    }

    /**
     * Moves the open turn into the Q&amp;A when the cue that opens it comes in the middle of the turn, rather than
     * splitting one speaker's turn in two; the next snapshot carries the new section.
     */
    void enterQuestions() {
        held.getTurn().setSection(Section.QUESTIONS_AND_ANSWERS);
    }

    Optional<TurnLine> line(String lineId) {
        return held.getLines().stream().filter(l -> l.getLineId().equals(lineId)).findFirst();
    }

    boolean isMissing(long seq) {
        return held.getTurn().getMissingSeqs().contains(seq);
    }

    /** The next line of this turn; {@code missingSeqs} were given up just before it, inside the turn. */
    SpeakerTurn append(CallEvent event, TranscriptLine line, List<Long> missingSeqs) {
        List<TurnLine> lines = new ArrayList<>(held.getLines());
        lines.add(lineOf(line));
        List<Long> missing = new ArrayList<>(held.getTurn().getMissingSeqs());
        missing.addAll(missingSeqs);
        SpeakerTurn open = held.getTurn();
        // The turn's text is always the join of its lines, so the next line's join is the text plus that line: built
        // once, not joined again from every line.
        return update(lines, TurnText.append(open.getText(), line.getText()), SpeakerTurn.newBuilder(open)
                .setLineCount(lines.size())
                .setLastLineId(line.getLineId())
                .setLastSeq(line.getSeq())
                .setEndOffsetMs(Math.max(open.getEndOffsetMs(), endOffsetOf(event, line)))
                .setLastObservedAt(event.getObservedAt())
                .setMissingSeqs(missing), line.getSeq());
    }

    /**
     * A higher revision of one of this turn's lines: its text replaces the line's. Only the text is revised; the
     * speaker and section the line first came with stay, since changing them could split a turn already emitted.
     * The status is kept: an open turn stays PARTIAL, a closed one is re-issued FINAL.
     *
     * @param knownAtSeq the newest line applied so far: the revision comes after it, whichever line it revises
     */
    SpeakerTurn revise(TranscriptLine line, long knownAtSeq) {
        List<TurnLine> lines = new ArrayList<>(held.getLines());
        lines.replaceAll(l -> l.getLineId().equals(line.getLineId()) ? lineOf(line) : l);
        return update(lines, SpeakerTurn.newBuilder(held.getTurn()), knownAtSeq);
    }

    /** The turn's speaker, corrected (a late identification): a new version, status kept. */
    SpeakerTurn reassign(Speaker speaker, long knownAtSeq) {
        return update(held.getLines(), held.getTurn().getText(), SpeakerTurn.newBuilder(held.getTurn()).setSpeaker(speaker),
                knownAtSeq);
    }

    /** Seqs found missing after the turn's last line (the call ended before they came); no new version by itself. */
    void recordMissing(List<Long> missingSeqs) {
        List<Long> missing = new ArrayList<>(held.getTurn().getMissingSeqs());
        missing.addAll(missingSeqs);
        held.getTurn().setMissingSeqs(missing);
    }

    /**
     * @param knownAtSeq the line that closed the turn (the next speaker's, or one in another section), or the last
     *                   line when the call's end closes it
     */
    SpeakerTurn close(long knownAtSeq) {
        return update(held.getLines(), held.getTurn().getText(),
                SpeakerTurn.newBuilder(held.getTurn()).setStatus(Status.FINAL), knownAtSeq);
    }

    private SpeakerTurn update(List<TurnLine> lines, SpeakerTurn.Builder turn, long knownAtSeq) {
        return update(lines, textOf(lines), turn, knownAtSeq);
    }

    /** A turn's text: its lines' texts joined. */
    static String textOf(List<TurnLine> lines) {
        return TurnText.join(lines.stream().map(TurnLine::getText).toList());
    }

    private SpeakerTurn update(List<TurnLine> lines, String text, SpeakerTurn.Builder turn, long knownAtSeq) {
        SpeakerTurn next = turn
                .setVersion(held.getTurn().getVersion() + 1)
                .setKnownAtSeq(knownAtSeq)
                .setText(text)
                .build();
        held.setLines(lines);
        held.setTurn(next);
        return next;
    }

    private static TurnLine lineOf(TranscriptLine line) {
        return new TurnLine(line.getLineId(), line.getSeq(), line.getRevision(), line.getText());
    }

    private static long endOffsetOf(CallEvent event, TranscriptLine line) {
        return event.getCallOffsetMs() + (line.getDurationMs() == null ? 0L : line.getDurationMs());
    }
}
