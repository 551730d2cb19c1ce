package io.callstream.enrich.turns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.EndedCall;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLine;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.roles.OperatorCue;
import io.callstream.enrich.state.CallIndexedStore;
import io.callstream.schemas.calls.CompanySource;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.limits.EventText;
import io.callstream.schemas.limits.RecordLimits;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a call's lines into speaker turns, sending turns to the child {@link #TURNS} and lines it refuses, as
 * {@link DeadLetter}s, to the child {@link #DEAD_LETTERS}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Lines are applied in seq order ({@link LineSequencer}: bounded buffer, gaps skipped after a call-time or
 *       line-count bound and recorded in the next applied line's turn, {@code missingSeqs}).</li>
 *   <li>Where the source gives lines no section (timed formats), the line carrying the cue that opens the
 *       questions and every later line count as QUESTIONS_AND_ANSWERS; a cue in the middle of a turn moves that
 *       turn into the Q&amp;A instead of splitting it.</li>
 *   <li>Every applied line sends a PARTIAL snapshot of the open turn; the turn goes out FINAL when another speaker
 *       starts, the section changes or the call ends. A line's FINAL status does not close a turn. A line that would
 *       take the open turn past {@link RecordLimits#MAX_TURN_TEXT_BYTES} starts a new turn by the same speaker (no
 *       real turn comes near it), so the state and every record stay within what Kafka takes.</li>
 *   <li>Who speaks is decided by {@link Speakers}. A SpeakerIdentified event re-issues every earlier turn of its
 *       label with the speaker corrected (closed turns FINAL, the open one PARTIAL, each one version higher); the
 *       closed turns are kept for that in the store {@link #CLOSED_TURNS_STORE} until the call ends.</li>
 *   <li>A copy of a line already applied (seq behind {@code nextSeq}): an exact duplicate (same lineId, revision and
 *       text) or a stale one (lower revision, or same revision with other text) is dropped and counted; a higher
 *       revision replaces the line's text ({@link TurnBuilder}): in the open turn as a new PARTIAL version, in one of
 *       the last {@link AssemblyBounds#recentTurnsKept()} closed turns as a re-issued FINAL with a higher version. A
 *       line behind {@code nextSeq} that none of those turns holds (a correction of an older turn, or a line that
 *       arrives after its seq was skipped) is dead-lettered with the reason.</li>
 *   <li>CallEnded releases every waiting line (skipping all gaps), records seqs the source sent but that never came
 *       ({@code lineCount}) on the last turn, closes it, and shrinks the call's state to a marker
 *       ({@code ended}), so that an event arriving after the end is dead-lettered ("line after the call ended")
 *       instead of silently starting a new call at turn 0.</li>
 *   <li>A live call whose feed is lost would hold its state for ever, so a call that sends nothing for
 *       {@link AssemblyBounds#idleTimeoutMs()} of wall-clock time is ended the same way (reason "idle"), and an ended
 *       call's marker is pruned {@link AssemblyBounds#endedRetentionMs()} of wall-clock time after its end. This is
 *       the one place the wall clock is read, deliberately: record time cannot tell a quiet call, because calls on
 *       one partition run on different clocks (a 2017 replay beside a live call; a file without a date starts at
 *       1970), and the task's stream time jumps with the newest of them, which once ended every older call at
 *       once. A call's own time does not move while it is quiet. Wall-clock punctuation never fires in a
 *       {@code TopologyTestDriver} unless the test advances it, so a backtest never expires a call: idle expiry is
 *       live-only, for feeds that died, and a call that ends normally gives the same outputs live and replayed.</li>
 *   <li>An event whose text breaks {@link EventText} (a control character, an unpaired surrogate, over the size
 *       limits), a record with no value (a tombstone), no key, or a key other than the event's callId is
 *       dead-lettered with the reason; ingest refuses the same or never writes it, but a producer may write to
 *       {@code call-events} directly.</li>
 *   <li>A line that breaks a precondition (negative seq or revision, blank lineId) throws; the configured
 *       {@code ProcessingExceptionHandler} dead-letters it and the call goes on. The store is written last, so a
 *       failed record leaves the call's state as it was.</li>
 * </ul>
 * Output depends on the records alone (no wall clock but the idle expiry above); each snapshot is stamped with its line's {@code observedAt}
 * and carries, as {@code knownAtSeq}, the seq of the newest line applied when it went out, so a backtest can tell
 * what was known after any line (a turn's FINAL is known only at the line that closes it, not at its own last).
 * Counts of dropped, skipped and dead-lettered lines live in the call's state and are logged when the call ends.
 */
public final class TurnAssembler implements Processor<String, CallEvent, String, SpecificRecord> {

    /** Child the speaker turns go to. */
    public static final String TURNS = "write-call-turns";
    /** Child the refused lines go to, as dead letters. */
    public static final String DEAD_LETTERS = "write-dead-letters";
    /**
     * Store of each open call's closed turns at their latest version, with their lines ({@code TurnLines}): a late
     * revision re-issues one of the last {@link AssemblyBounds#recentTurnsKept()}, a speaker identified late every
     * earlier turn of the label, however old. Emptied when the call ends.
     */
    public static final String CLOSED_TURNS_STORE = "closed-turns";
    /**
     * Store of each open call's open turn's lines, one entry per line ({@code OpenTurnLine}), beside the turn's
     * metadata in the call's state: see {@link OpenTurnStore}.
     */
    public static final String OPEN_TURN_LINES_STORE = OpenTurnStore.STORE;

    private static final Logger log = LoggerFactory.getLogger(TurnAssembler.class);
    /**
     * An open turn's lines stay in the call's state up to this much text (a few lines of a real call); past it they
     * go one entry each to {@link #OPEN_TURN_LINES_STORE}. Either way a line rewrites at most this much text.
     */
    private static final int OPEN_TURN_INLINE_CHARS = 1_024;
    private static final String ENDED = "ended";

    private final String storeName;
    private final AssemblyBounds bounds;
    private final LineSequencer sequencer;
    private final Serializer<CallEvent> eventSerializer;
    private final Followers followers;
    /**
     * Wall-clock time each call of this task was last heard of (or, once ended, ended). Held in memory, not in the
     * store: after a restart or a rebalance every call the task finds gets a full idle period from its first sweep.
     */
    private final Map<String, Long> lastHeardWallMs = new HashMap<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, TurnAssemblyState> store;
    private CallIndexedStore<TurnLines> closedTurns;
    private OpenTurnStore openTurns;

    /**
     * Children that follow the turns, each optional (null): {@code closedTurns} gets each turn once, when it first
     * closes, and the CallEnded event (real or for an idle call) after the call's last turn, so a follower such as
     * Q&amp;A pairing sees each turn exactly once, in turn order, and learns of the end; {@code corrections} gets
     * every later re-issue of a closed turn (a revised line, a speaker identified late); {@code snapshots} gets
     * every turn emitted, as {@link #TURNS} does, each CallStarted event once the state holds its company and
     * ticker, and the CallEnded event. A closing turn reaches
     * {@code closedTurns} before {@code snapshots}, so a snapshot's reader finds it already paired.
     */
    public record Followers(String closedTurns, String corrections, String snapshots) {
    }

    /** {@code eventSerializer} re-encodes a refused event for its dead letter, as it was on the input topic. */
    public TurnAssembler(String storeName, AssemblyBounds bounds, Serializer<CallEvent> eventSerializer,
                         Followers followers) {
        this.storeName = storeName;
        this.followers = followers;
        this.bounds = bounds;
        this.sequencer = new LineSequencer(bounds);
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.closedTurns = new CallIndexedStore<>(context.getStateStore(CLOSED_TURNS_STORE),
                t -> t.getTurn().getCallId());
        this.openTurns = new OpenTurnStore(context.getStateStore(OPEN_TURN_LINES_STORE), OPEN_TURN_INLINE_CHARS);
        // Wall-clock time, live-only: see the class comment for why stream time cannot tell a quiet call.
        long every = Math.max(1_000, Math.min(bounds.idleTimeoutMs(), bounds.endedRetentionMs()) / 10);
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, CallEvent> record) {
        CallEvent event = record.value();
        if (event == null || record.key() == null) {
            // Nothing on call-events is ever deleted by a tombstone: a record without a value or a key is a
            // producer's mistake, and is shown rather than dropped.
            deadLetter(record, event == null
                    ? "a record with no value (a tombstone) on call-events: every event of a call needs a value"
                    : "a record with no key on call-events: the key must be the call's id");
            return;
        }
        Optional<String> badText = EventText.problem(event);
        if (badText.isPresent()) {
            deadLetter(record, "refused: " + badText.get());
            return;
        }
        if (!record.key().equals(event.getCallId())) {
            // State and output are keyed by the record's key, turns carry the event's callId: assembling it would
            // put one call's line into another call's turns, under a callId that is not their key.
            deadLetter(record, "a record keyed '" + record.key() + "' holds an event of call '" + event.getCallId()
                    + "' on call-events: the key must be the call's id");
            return;
        }
        String callId = record.key();
        lastHeardWallMs.put(callId, context.currentSystemTimeMs());
        TurnAssemblyState state = stateOf(callId, store.get(callId));
        if (state != null && state.getEnded() != null) {
            EndedCall ended = state.getEnded();
            String what = event.getPayload() instanceof TranscriptLine ? "line" : "event";
            deadLetter(record, what + " after the call " + (ENDED.equals(ended.getReason()) ? "ended" : "was closed ("
                    + ended.getReason() + ")") + " (" + ended.getTurnCount() + " turns were closed)");
            return;
        }
        if (state == null) {
            state = TurnAssemblyState.newBuilder().build();
        }
        state.setLastEventStreamTime(record.timestamp());
        Object payload = event.getPayload();
        if (payload instanceof CallStarted started) {
            // A company that is only the input's name says nothing of who speaks for it.
            state.setCompany(CompanySource.evidentCompany(started));
            state.setTicker(started.getTicker());
            write(callId, state);
            // The snapshots' reader keeps the call's ticker in memory from this, instead of reading the whole state
            // back on every snapshot; sent once the state holds it.
            if (followers.snapshots() != null) {
                context.forward(new Record<String, SpecificRecord>(callId, event, record.timestamp(), record.headers()),
                        followers.snapshots());
            }
            return;
        } else if (payload instanceof TranscriptLine line) {
            onLine(record, state, line);
        } else if (payload instanceof SpeakerIdentified identified) {
            onIdentified(record, state, identified);
        } else if (payload instanceof CallEnded ended) {
            end(record, state, ended.getLineCount(), ENDED);
            return;
        }
        write(callId, state);
    }

    /** The call's state as its store holds it ({@code stored}, null for none), with its open turn whole. */
    private TurnAssemblyState stateOf(String callId, TurnAssemblyState stored) {
        if (stored != null && stored.getOpenTurn() != null) {
            stored.setOpenTurn(openTurns.load(callId, stored.getOpenTurn()));
        }
        return stored;
    }

    /** Stores the call's state: its open turn's changed lines apart, the rest with the turn's metadata. */
    private void write(String callId, TurnAssemblyState state) {
        TurnLines open = state.getOpenTurn();
        state.setOpenTurn(openTurns.save(callId, open));
        store.put(callId, state);
        state.setOpenTurn(open);
    }

    private void onLine(Record<String, CallEvent> record, TurnAssemblyState state, TranscriptLine line) {
        requireValid(line);
        switch (sequencer.admit(state, record.value())) {
            case BUFFERED -> sequencer.release(state, false).forEach(r -> apply(record, state, r));
            case BEHIND -> onLineBehind(record, state, line);
            case DUPLICATE -> state.setDuplicatesDropped(state.getDuplicatesDropped() + 1);
            case STALE -> state.setStaleDropped(state.getStaleDropped() + 1);
            case SEQ_TAKEN -> {
                state.setDeadLettered(state.getDeadLettered() + 1);
                deadLetter(record, "line " + line.getLineId() + " has seq " + line.getSeq()
                        + ", which another waiting line already has");
            }
        }
    }

    private static void requireValid(TranscriptLine line) {
        if (line.getSeq() < 0 || line.getRevision() < 0 || line.getLineId().isBlank()) {
            throw new IllegalArgumentException("invalid line '" + line.getLineId() + "': seq " + line.getSeq()
                    + " and revision " + line.getRevision() + " must not be negative, lineId not blank");
        }
    }

    /**
     * Whether a turn with text {@code turnText}, less {@code removed} and with {@code added}, would pass
     * {@link RecordLimits#MAX_TURN_TEXT_BYTES}. Counted in characters first: a turn under a third of the limit in
     * characters cannot be over it in UTF-8 bytes, so real turns never pay for the exact count.
     */
    private static boolean wouldOutgrow(String turnText, String removed, String added) {
        int chars = turnText.length() - removed.length() + 1 + added.length();
        if (chars <= RecordLimits.MAX_TURN_TEXT_BYTES / 3) {
            return false;
        }
        return EventText.utf8Bytes(turnText) - EventText.utf8Bytes(removed) + 1 + EventText.utf8Bytes(added)
                > RecordLimits.MAX_TURN_TEXT_BYTES;
    }

    /** A line whose seq was already applied or skipped: a revision, a duplicate, or too late. */
    private void onLineBehind(Record<String, CallEvent> record, TurnAssemblyState state, TranscriptLine line) {
        List<TurnBuilder> candidates = new ArrayList<>();
        if (state.getOpenTurn() != null) {
            candidates.add(TurnBuilder.of(state.getOpenTurn()));
        }
        // Closed turns live in their own store, read only here (revisions, duplicates): the state written on every
        // line stays the size of the open turn's metadata.
        List<TurnLines> closed = closedTurns.of(record.key());
        int oldest = state.getNextTurnIndex() - (state.getOpenTurn() == null ? 0 : 1) - bounds.recentTurnsKept();
        for (int i = closed.size() - 1; i >= 0 && closed.get(i).getTurn().getTurnIndex() >= oldest; i--) {
            candidates.add(TurnBuilder.of(closed.get(i)));
        }
        for (TurnBuilder turn : candidates) {
            Optional<TurnLine> held = turn.line(line.getLineId());
            if (held.isEmpty()) {
                continue;
            }
            switch (RevisionVerdict.of(held.get().getRevision(), held.get().getText(), line.getRevision(), line.getText())) {
                case DUPLICATE -> state.setDuplicatesDropped(state.getDuplicatesDropped() + 1);
                case STALE -> state.setStaleDropped(state.getStaleDropped() + 1);
                case NEWER -> {
                    if (wouldOutgrow(turn.turn().getText(), held.get().getText(), line.getText())) {
                        state.setDeadLettered(state.getDeadLettered() + 1);
                        deadLetter(record, "revision " + line.getRevision() + " of line " + line.getLineId()
                                + " would take turn " + turn.turn().getTurnIndex() + " past "
                                + RecordLimits.MAX_TURN_TEXT_BYTES + " bytes");
                    } else {
                        reissue(record.key(), turn, turn.revise(line, newestApplied(state)), record.timestamp(),
                                record.headers());
                    }
                }
            }
            return;
        }
        boolean skipped = candidates.stream().anyMatch(t -> t.isMissing(line.getSeq()));
        state.setDeadLettered(state.getDeadLettered() + 1);
        deadLetter(record, skipped
                ? "line " + line.getLineId() + " (seq " + line.getSeq() + ") arrived after its seq was skipped as missing"
                : "line " + line.getLineId() + " (seq " + line.getSeq() + ") corrects a turn older than the last "
                        + bounds.recentTurnsKept() + " turns kept, or arrived after its seq was skipped");
    }

    private void apply(Record<String, CallEvent> record, TurnAssemblyState state, LineSequencer.Release release) {
        CallEvent event = release.event();
        // Read once for the three questions asked of the line's words below.
        OperatorCue.Reading cues = OperatorCue.reading(release.line().getText());
        TranscriptLine line = withInferredSection(state, release.line(), cues);
        long timestamp = event.getObservedAt().toEpochMilli();
        if (state.getOpenTurn() != null) {
            TurnBuilder open = TurnBuilder.of(state.getOpenTurn());
            boolean sameSpeaker = Objects.equals(open.speaker().getLabel(), line.getSpeakerLabel());
            if (sameSpeaker && open.section() == Section.UNKNOWN && line.getSection() == Section.QUESTIONS_AND_ANSWERS
                    && release.line().getSection() == Section.UNKNOWN) {
                open.enterQuestions(); // the cue came mid-turn: one speaker, one turn
            } else if (!sameSpeaker || open.section() != line.getSection()) {
                closeOpenTurn(record.key(), state, line.getSeq(), timestamp, record.headers());
            } else if (wouldOutgrow(open.turn().getText(), "", line.getText())) {
                log.info("Call {}: turn {} reached {} bytes; line {} starts a new turn by the same speaker",
                        record.key(), open.turn().getTurnIndex(), RecordLimits.MAX_TURN_TEXT_BYTES, line.getLineId());
                closeOpenTurn(record.key(), state, line.getSeq(), timestamp, record.headers());
            }
        }
        SpeakerTurn snapshot;
        if (state.getOpenTurn() == null) {
            Speakers.beforeTurn(state, line);
            Speakers.Decision decision = Speakers.of(state, line, cues);
            Speakers.began(state, decision);
            TurnBuilder turn = TurnBuilder.start(event.getCallId(), state.getNextTurnIndex(), decision.speaker(),
                    event, line, release.skippedBefore());
            state.setNextTurnIndex(state.getNextTurnIndex() + 1);
            state.setOpenTurn(turn.held());
            snapshot = turn.turn();
        } else {
            TurnBuilder open = TurnBuilder.of(state.getOpenTurn());
            if (Speakers.revealsOperator(open.speaker(), line, cues, state)) {
                Speaker operator = Speakers.operator(line.getSpeakerLabel());
                open.held().getTurn().setSpeaker(operator);
                Speakers.began(state, new Speakers.Decision(operator, true));
            }
            snapshot = open.append(event, line, release.skippedBefore());
        }
        Speakers.afterLine(state, line, cues);
        forward(record.key(), snapshot, timestamp, record.headers());
    }

    /**
     * A line without a section (timed formats carry none) is in the Q&amp;A from the line carrying the cue that opens
     * the questions ({@link OperatorCue#opensQuestions}) on. A section the source gives always wins.
     */
    private static TranscriptLine withInferredSection(TurnAssemblyState state, TranscriptLine line,
            OperatorCue.Reading cues) {
        if (line.getSection() != Section.UNKNOWN) {
            return line;
        }
        if (!state.getQuestionsOpened() && cues.opensQuestions()) {
            state.setQuestionsOpened(true);
        }
        return state.getQuestionsOpened()
                ? TranscriptLine.newBuilder(line).setSection(Section.QUESTIONS_AND_ANSWERS).build() : line;
    }

    /** Re-issues every turn of the label so far with the speaker the event names. */
    private void onIdentified(Record<String, CallEvent> record, TurnAssemblyState state, SpeakerIdentified event) {
        Speaker speaker = Speakers.identified(state, event);
        String label = event.getSpeakerLabel();
        Map<String, Speaker> identified = new HashMap<>(state.getIdentified());
        identified.put(label, speaker);
        state.setIdentified(identified);
        for (TurnLines closed : closedTurns.of(record.key())) {
            Speaker was = closed.getTurn().getSpeaker();
            if (label.equals(was.getLabel()) && !was.equals(speaker)) {
                TurnBuilder turn = TurnBuilder.of(closed);
                reissue(record.key(), turn, turn.reassign(speaker, newestApplied(state)), record.timestamp(),
                        record.headers());
            }
        }
        if (state.getOpenTurn() != null && label.equals(state.getOpenTurn().getTurn().getSpeaker().getLabel())) {
            forward(record.key(), TurnBuilder.of(state.getOpenTurn()).reassign(speaker, newestApplied(state)),
                    record.timestamp(),
                    record.headers());
        }
    }

    /**
     * Ends the call: releases what waits, records seqs that never came (below {@code lineCount}, where known),
     * closes the open turn, tells the closed-turns follower, and shrinks the state to a marker.
     */
    private void end(Record<String, CallEvent> record, TurnAssemblyState state, long lineCount, String reason) {
        String callId = record.key();
        sequencer.release(state, true).forEach(r -> apply(record, state, r));
        List<Long> neverCame = new ArrayList<>();
        for (long s = state.getNextSeq(); s < lineCount; s++) {
            neverCame.add(s);
        }
        state.setSeqsSkipped(state.getSeqsSkipped() + neverCame.size());
        if (state.getOpenTurn() != null) {
            TurnBuilder.of(state.getOpenTurn()).recordMissing(neverCame);
        }
        // The end adds no line: what it closes was known after the last line applied.
        closeOpenTurn(callId, state, newestApplied(state), record.timestamp(), record.headers());
        for (String child : new String[] {followers.closedTurns(), followers.snapshots()}) {
            if (child != null) {
                context.forward(new Record<String, SpecificRecord>(callId, record.value(), record.timestamp(),
                        record.headers()), child);
            }
        }
        log.info("Call {} {}: {} turns, {} seqs skipped, {} duplicates and {} stale revisions dropped, {} lines "
                        + "dead-lettered", callId, reason, state.getNextTurnIndex(), state.getSeqsSkipped(),
                state.getDuplicatesDropped(), state.getStaleDropped(), state.getDeadLettered());
        closedTurns.forget(callId);
        write(callId, TurnAssemblyState.newBuilder()
                .setEnded(new EndedCall(state.getNextTurnIndex(), record.timestamp(), reason))
                .build());
        lastHeardWallMs.put(callId, context.currentSystemTimeMs()); // the retention runs from the end
    }

    /**
     * Ends calls that went quiet for the idle timeout and forgets ended calls past their retention, both in
     * wall-clock time (the class comment says why). A quiet call ends as if its CallEnded had come, with the reason
     * "idle", stamped with its own last event's time rather than the wall clock, so its turns stay on the call's
     * clock.
     */
    private void sweep(long now) {
        List<KeyValue<String, TurnAssemblyState>> due = new ArrayList<>();
        try (KeyValueIterator<String, TurnAssemblyState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, TurnAssemblyState> entry = it.next();
                long heard = lastHeardWallMs.computeIfAbsent(entry.key, k -> now);
                long limit = entry.value.getEnded() != null ? bounds.endedRetentionMs() : bounds.idleTimeoutMs();
                if (now - heard >= limit) {
                    due.add(entry);
                }
            }
        }
        for (KeyValue<String, TurnAssemblyState> entry : due) {
            if (entry.value.getEnded() != null) {
                store.delete(entry.key);
                lastHeardWallMs.remove(entry.key);
                continue;
            }
            String reason = "idle: no event for " + Duration.ofMillis(bounds.idleTimeoutMs()).toMinutes()
                    + " min";
            long at = entry.value.getLastEventStreamTime();
            CallEvent idleEnd = CallEvent.newBuilder()
                    .setCallId(entry.key)
                    .setCallOffsetMs(entry.value.getLastReleasedOffsetMs())
                    .setObservedAt(Instant.ofEpochMilli(at))
                    .setPayload(CallEnded.newBuilder().setLineCount(-1).setReason(reason).build())
                    .build();
            end(new Record<>(entry.key, idleEnd, at), stateOf(entry.key, entry.value), -1, reason);
        }
    }

    /**
     * The seq of the newest line applied so far (-1 before the first): the point in the call a correction or the
     * call's end comes after. Lines are applied in seq order, so it is the one just before {@code nextSeq}.
     */
    private static long newestApplied(TurnAssemblyState state) {
        return state.getNextSeq() - 1;
    }

    private void closeOpenTurn(String callId, TurnAssemblyState state, long knownAtSeq, long timestamp,
                               Headers headers) {
        if (state.getOpenTurn() == null) {
            return;
        }
        TurnBuilder open = TurnBuilder.of(state.getOpenTurn());
        SpeakerTurn closed = open.close(knownAtSeq);
        closedTurns.put(callId, closed.getTurnIndex(), open.held());
        if (followers.closedTurns() != null) {
            context.forward(new Record<String, SpecificRecord>(callId, closed, timestamp, headers),
                    followers.closedTurns());
        }
        forward(callId, closed, timestamp, headers);
        state.setOpenTurn(null);
    }

    /**
     * A new version of a turn ({@code turn} holds it): the open one goes out PARTIAL (it lives in the state); a closed
     * one FINAL, is stored back, and goes to the corrections.
     */
    private void reissue(String callId, TurnBuilder turn, SpeakerTurn version, long timestamp, Headers headers) {
        if (version.getStatus() == Status.FINAL) {
            closedTurns.put(callId, version.getTurnIndex(), turn.held());
            if (followers.corrections() != null) {
                context.forward(new Record<String, SpecificRecord>(callId, version, timestamp, headers),
                        followers.corrections());
            }
        }
        forward(callId, version, timestamp, headers);
    }

    private void forward(String callId, SpeakerTurn turn, long timestamp, Headers headers) {
        Record<String, SpecificRecord> out = new Record<>(callId, turn, timestamp, headers);
        context.forward(out, TURNS);
        if (followers.snapshots() != null) {
            context.forward(out, followers.snapshots());
        }
    }

    private void deadLetter(Record<String, CallEvent> record, String reason) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(null);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? null : eventSerializer.serialize(topic, record.value());
        DeadLetter letter = DeadLetters.refusedRecord("enrich", reason, null, topic,
                source.map(RecordMetadata::partition).orElse(null), source.map(RecordMetadata::offset).orElse(null),
                key, value, record.timestamp());
        log.warn("Dead letter (call {}): {}", record.key(), reason);
        context.forward(new Record<String, SpecificRecord>(record.key(), letter, record.timestamp(), record.headers()),
                DEAD_LETTERS);
    }
}
