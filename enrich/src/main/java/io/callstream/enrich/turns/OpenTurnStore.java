package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.state.OpenTurnLine;
import io.callstream.avro.state.TurnLine;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.state.CallIndexedStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each call's open turn is kept between lines: its metadata in the call's state (the turn as last emitted, its
 * text left out: a header of a few hundred bytes), its lines one entry each in the store {@link #STORE}. A line then
 * writes its own text and the header, not the whole turn again (twice: the turn's text and its lines), so what a call
 * sends to its changelogs per line stays flat however long the turn grows. A short turn (most are: an operator's
 * line, a question, a one-line answer) keeps its lines in the header until they pass {@code inlineChars}: moving
 * them apart would cost each such turn a record and a tombstone more than rewriting them.
 *
 * <p>The open turn as last saved is also kept here, in memory, with its text joined, so that a line neither reads the
 * turn's lines back nor joins them again. It is used only while the header in the state is the one saved with it
 * (equal in every field, the version among them): after a rollback of an exactly-once transaction, a restart, a
 * record whose processing failed before the state was written, or a call this instance did not save, the header
 * differs or the copy is absent, and the turn is read from the store. What is kept here can therefore never
 * decide an output the stores would not. {@link #load} hands out a copy, so that a change to it touches neither this
 * copy nor a snapshot already emitted.
 *
 * <p>Not thread-safe: one per processor, as Kafka Streams gives each task its own.
 */
final class OpenTurnStore {

    /** Store of the open turns' lines, keyed callId/lineIndex. */
    static final String STORE = "open-turn-lines";

    private static final Logger log = LoggerFactory.getLogger(OpenTurnStore.class);

    private final CallIndexedStore<OpenTurnLine> lines;
    /** By call: the open turn as saved last (whole, text joined) and the header saved with it. */
    private final Map<String, Saved> saved = new HashMap<>();
    private final int inlineChars;

    private record Saved(TurnLines whole, SpeakerTurn header) {
    }

    /** @param inlineChars the most characters of text a turn's lines may hold and stay in the header */
    OpenTurnStore(KeyValueStore<String, OpenTurnLine> store, int inlineChars) {
        this.lines = new CallIndexedStore<>(store, OpenTurnLine::getCallId);
        this.inlineChars = inlineChars;
    }

    /**
     * The open turn whole (text and lines) from the header a call's state holds: a copy the caller may change. A
     * header that holds its lines (a short turn's, or one written before lines were kept apart, with its text) is
     * whole once its text is joined.
     */
    TurnLines load(String callId, TurnLines header) {
        if (!header.getLines().isEmpty()) {
            TurnLines whole = copy(header);
            if (whole.getTurn().getText().isEmpty()) {
                whole.getTurn().setText(TurnBuilder.textOf(whole.getLines()));
            }
            return whole;
        }
        Saved kept = saved.get(callId);
        if (kept == null || !kept.header().equals(header.getTurn())) {
            kept = read(callId, header.getTurn());
            saved.put(callId, kept);
        }
        return copy(kept.whole());
    }

    /**
     * Writes what changed in the call's open turn ({@code open}, null when the call has none) since it was saved
     * last, and returns the header the call's state is to hold.
     */
    TurnLines save(String callId, TurnLines open) {
        Saved before = saved.get(callId);
        List<TurnLine> was = before == null ? List.of() : before.whole().getLines();
        boolean sameTurn = open != null && before != null
                && before.whole().getTurn().getTurnIndex() == open.getTurn().getTurnIndex();
        // Once apart, a turn stays apart until it closes: a revision that shortens it does not move it back.
        if (open == null || !sameTurn && textChars(open.getLines()) <= inlineChars) {
            delete(callId, 0, was.size());
            saved.remove(callId);
            return open == null ? null : new TurnLines(headerOf(open), new ArrayList<>(open.getLines()));
        }
        int turnIndex = open.getTurn().getTurnIndex();
        List<TurnLine> now = open.getLines();
        for (int i = 0; i < now.size(); i++) {
            // The builder keeps the objects of lines it did not change, so an unchanged line is the same object.
            if (!sameTurn || i >= was.size() || was.get(i) != now.get(i)) {
                TurnLine line = now.get(i);
                lines.put(callId, i, new OpenTurnLine(callId, turnIndex, line.getLineId(), line.getSeq(),
                        line.getRevision(), line.getText()));
            }
        }
        delete(callId, now.size(), was.size());
        SpeakerTurn header = headerOf(open);
        saved.put(callId, new Saved(open, header));
        return new TurnLines(header, new ArrayList<>());
    }

    /** The open turn from its lines in the store: the header's first {@code lineCount} lines of its turn. */
    private Saved read(String callId, SpeakerTurn header) {
        List<TurnLine> found = new ArrayList<>();
        for (OpenTurnLine line : lines.of(callId)) {
            if (line.getTurnIndex() == header.getTurnIndex() && found.size() < header.getLineCount()) {
                found.add(new TurnLine(line.getLineId(), line.getSeq(), line.getRevision(), line.getText()));
            }
        }
        if (found.size() != header.getLineCount()) {
            // Only an at_least_once crash between the two stores' changelog writes can leave this; exactly-once
            // writes both or neither. The turn goes on from the lines there are, and says so.
            log.warn("Call {}: open turn {} has {} of its {} lines in {}; it goes on from those", callId,
                    header.getTurnIndex(), found.size(), header.getLineCount(), STORE);
        }
        SpeakerTurn turn = shallowCopy(header);
        turn.setText(TurnBuilder.textOf(found));
        return new Saved(new TurnLines(turn, found), header);
    }

    private void delete(String callId, int from, int to) {
        for (int i = from; i < to; i++) {
            lines.delete(callId, i);
        }
    }

    /** The turn as last emitted, its text left out: the state holds lines, not the text joined from them. */
    private static SpeakerTurn headerOf(TurnLines open) {
        SpeakerTurn header = shallowCopy(open.getTurn());
        header.setText("");
        return header;
    }

    /**
     * A new record with the same field values: what a turn's user changes it sets anew (speaker, section, missing
     * seqs), never changing a value in place, so a copy this shallow keeps the original as it was. Avro's own copy
     * (the builder's) resolves every field by its schema, several times the cost for nothing here.
     */
    private static SpeakerTurn shallowCopy(SpeakerTurn turn) {
        SpeakerTurn copy = new SpeakerTurn();
        for (int i = 0; i < SpeakerTurn.SCHEMA$.getFields().size(); i++) {
            copy.put(i, turn.get(i));
        }
        return copy;
    }

    private static int textChars(List<TurnLine> lines) {
        int chars = 0;
        for (TurnLine line : lines) {
            chars += line.getText().length();
        }
        return chars;
    }

    private static TurnLines copy(TurnLines whole) {
        return new TurnLines(shallowCopy(whole.getTurn()), new ArrayList<>(whole.getLines()));
    }
}
