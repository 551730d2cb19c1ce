package io.callstream.enrich.turns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLine;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.roles.OperatorCue;
import io.callstream.enrich.roles.RoleResolver;
import io.callstream.schemas.errors.DeadLetters;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 *       starts, the section changes or the call ends. A line's FINAL status does not close a turn.</li>
 *   <li>A copy of a line already applied (seq behind {@code nextSeq}): an exact duplicate (same lineId, revision and
 *       text) or a stale one (lower revision, or same revision with other text) is dropped and counted; a higher
 *       revision replaces the line's text ({@link TurnBuilder}): in the open turn as a new PARTIAL version, in one of
 *       the last {@link AssemblyBounds#recentTurnsKept()} closed turns as a re-issued FINAL with a higher version. A
 *       line behind {@code nextSeq} that none of those turns holds (a correction of an older turn, or a line that
 *       arrives after its seq was skipped) is dead-lettered with the reason.</li>
 *   <li>CallEnded releases every waiting line (skipping all gaps), records seqs the source sent but that never came
 *       ({@code lineCount}) on the last turn, closes it, and deletes the call's state. The separate store
 *       {@link #ENDED_CALLS_STORE} keeps only the call id and its turn count, so that an event arriving after the
 *       end is dead-lettered ("line after the call ended") instead of silently starting a new call at turn 0.</li>
 *   <li>A line that breaks a precondition (negative seq or revision, blank lineId) throws; the configured
 *       {@code ProcessingExceptionHandler} dead-letters it and the call goes on. The store is written last, so a
 *       failed record leaves the call's state as it was.</li>
 * </ul>
 * Output depends on the records alone (no wall clock); each snapshot is stamped with its line's {@code observedAt}.
 * Counts of dropped, skipped and dead-lettered lines live in the call's state and are logged when the call ends.
 */
public final class TurnAssembler implements Processor<String, CallEvent, String, SpecificRecord> {

    /** Child the speaker turns go to. */
    public static final String TURNS = "write-call-turns";
    /** Child the refused lines go to, as dead letters. */
    public static final String DEAD_LETTERS = "write-dead-letters";
    /** Store of calls that ended: callId to the number of turns the call had. */
    public static final String ENDED_CALLS_STORE = "ended-calls";

    private static final Logger log = LoggerFactory.getLogger(TurnAssembler.class);
    /** Labels that number a voice rather than name a person ("Speaker 3"). */
    private static final Pattern ANONYMOUS_LABEL = Pattern.compile("(?i)speaker\\s*\\d+");

    private final String storeName;
    private final AssemblyBounds bounds;
    private final LineSequencer sequencer;
    private final Serializer<CallEvent> eventSerializer;
    private final String closedTurnsChild;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, TurnAssemblyState> store;
    private KeyValueStore<String, Long> endedCalls;

    /** {@code eventSerializer} re-encodes a refused event for its dead letter, as it was on the input topic. */
    public TurnAssembler(String storeName, AssemblyBounds bounds, Serializer<CallEvent> eventSerializer) {
        this(storeName, bounds, eventSerializer, null);
    }

    /**
     * As above, and each turn is also sent to the child {@code closedTurnsChild} once, when it closes, followed by
     * the CallEnded event when the call ends. Only first closings go there (not PARTIAL snapshots, not corrections
     * re-issued later), so a follower such as Q&amp;A pairing sees each turn exactly once, in turn order, and
     * learns of the end after the last turn.
     */
    public TurnAssembler(String storeName, AssemblyBounds bounds, Serializer<CallEvent> eventSerializer,
                         String closedTurnsChild) {
        this.storeName = storeName;
        this.closedTurnsChild = closedTurnsChild;
        this.bounds = bounds;
        this.sequencer = new LineSequencer(bounds);
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.endedCalls = context.getStateStore(ENDED_CALLS_STORE);
    }

    @Override
    public void process(Record<String, CallEvent> record) {
        CallEvent event = record.value();
        if (event == null || record.key() == null) {
            return; // tombstones and keyless records carry no call: nothing to assemble
        }
        String callId = record.key();
        Long endedWithTurns = endedCalls.get(callId);
        if (endedWithTurns != null) {
            String what = event.getPayload() instanceof TranscriptLine ? "line" : "event";
            deadLetter(record, what + " after the call ended (" + endedWithTurns + " turns were closed)");
            return;
        }
        TurnAssemblyState state = store.get(callId);
        if (state == null) {
            state = TurnAssemblyState.newBuilder().build();
        }
        Object payload = event.getPayload();
        if (payload instanceof CallStarted started) {
            state.setCompany(started.getCompany());
            state.setTicker(started.getTicker());
        } else if (payload instanceof TranscriptLine line) {
            onLine(record, state, line);
        } else if (payload instanceof SpeakerIdentified identified) {
            state.getIdentified().put(identified.getSpeakerLabel(), Speaker.newBuilder()
                    .setLabel(identified.getSpeakerLabel())
                    .setName(identified.getName())
                    .setAffiliation(identified.getAffiliation())
                    .setRole(identified.getRole())
                    .build());
        } else if (payload instanceof CallEnded ended) {
            onEnd(record, state, ended);
            return;
        }
        store.put(callId, state);
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

    /** A line whose seq was already applied or skipped: a revision, a duplicate, or too late. */
    private void onLineBehind(Record<String, CallEvent> record, TurnAssemblyState state, TranscriptLine line) {
        List<TurnBuilder> candidates = new ArrayList<>();
        if (state.getOpenTurn() != null) {
            candidates.add(TurnBuilder.of(state.getOpenTurn()));
        }
        List<TurnLines> recent = state.getRecentTurns();
        for (int i = recent.size() - 1; i >= 0; i--) {
            candidates.add(TurnBuilder.of(recent.get(i)));
        }
        for (TurnBuilder turn : candidates) {
            Optional<TurnLine> held = turn.line(line.getLineId());
            if (held.isEmpty()) {
                continue;
            }
            switch (RevisionVerdict.of(held.get().getRevision(), held.get().getText(), line.getRevision(), line.getText())) {
                case DUPLICATE -> state.setDuplicatesDropped(state.getDuplicatesDropped() + 1);
                case STALE -> state.setStaleDropped(state.getStaleDropped() + 1);
                case NEWER -> forward(record, turn.revise(line), record.timestamp());
            }
            return; // the builders wrap the state's own TurnLines, so a revision is already in state
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
        TranscriptLine line = withInferredSection(state, release.line());
        long timestamp = event.getObservedAt().toEpochMilli();
        Speaker speaker = speakerOf(state, line);
        if (state.getOpenTurn() != null) {
            TurnBuilder open = TurnBuilder.of(state.getOpenTurn());
            boolean sameSpeaker = Objects.equals(open.speaker().getLabel(), speaker.getLabel());
            if (sameSpeaker && open.section() == Section.UNKNOWN && line.getSection() == Section.QUESTIONS_AND_ANSWERS
                    && release.line().getSection() == Section.UNKNOWN) {
                open.enterQuestions(); // the cue came mid-turn: one speaker, one turn
            } else if (!sameSpeaker || open.section() != line.getSection()) {
                closeOpenTurn(record, state, timestamp);
            }
        }
        SpeakerTurn snapshot;
        if (state.getOpenTurn() == null) {
            TurnBuilder turn = TurnBuilder.start(event.getCallId(), state.getNextTurnIndex(), speaker, event, line,
                    release.skippedBefore());
            state.setNextTurnIndex(state.getNextTurnIndex() + 1);
            state.setOpenTurn(turn.held());
            snapshot = turn.turn();
        } else {
            snapshot = TurnBuilder.of(state.getOpenTurn()).append(event, line, release.skippedBefore());
        }
        forward(record, snapshot, timestamp);
    }

    /**
     * A line without a section (timed formats carry none) is in the Q&amp;A from the line carrying the cue that opens
     * the questions ({@link OperatorCue#opensQuestions}) on. A section the source gives always wins.
     */
    private static TranscriptLine withInferredSection(TurnAssemblyState state, TranscriptLine line) {
        if (line.getSection() != Section.UNKNOWN) {
            return line;
        }
        if (!state.getQuestionsOpened() && OperatorCue.opensQuestions(line.getText())) {
            state.setQuestionsOpened(true);
        }
        return state.getQuestionsOpened()
                ? TranscriptLine.newBuilder(line).setSection(Section.QUESTIONS_AND_ANSWERS).build() : line;
    }

    private void onEnd(Record<String, CallEvent> record, TurnAssemblyState state, CallEnded ended) {
        sequencer.release(state, true).forEach(r -> apply(record, state, r));
        List<Long> neverCame = new ArrayList<>();
        for (long s = state.getNextSeq(); s < ended.getLineCount(); s++) {
            neverCame.add(s);
        }
        state.setSeqsSkipped(state.getSeqsSkipped() + neverCame.size());
        if (state.getOpenTurn() != null) {
            TurnBuilder.of(state.getOpenTurn()).recordMissing(neverCame);
        }
        closeOpenTurn(record, state, record.timestamp());
        if (closedTurnsChild != null) {
            context.forward(new Record<String, SpecificRecord>(record.key(), record.value(), record.timestamp(),
                    record.headers()), closedTurnsChild);
        }
        String callId = record.key();
        log.info("Call {} ended: {} turns, {} seqs skipped, {} duplicates and {} stale revisions dropped, {} lines "
                        + "dead-lettered", callId, state.getNextTurnIndex(), state.getSeqsSkipped(),
                state.getDuplicatesDropped(), state.getStaleDropped(), state.getDeadLettered());
        // The call's state goes; only its id stays, so that late events cannot restart it at turn 0.
        store.delete(callId);
        endedCalls.put(callId, (long) state.getNextTurnIndex());
    }

    private void closeOpenTurn(Record<String, CallEvent> record, TurnAssemblyState state, long timestamp) {
        if (state.getOpenTurn() == null) {
            return;
        }
        TurnBuilder open = TurnBuilder.of(state.getOpenTurn());
        SpeakerTurn closed = open.close();
        forward(record, closed, timestamp);
        if (closedTurnsChild != null) {
            context.forward(new Record<String, SpecificRecord>(record.key(), closed, timestamp, record.headers()),
                    closedTurnsChild);
        }
        state.setOpenTurn(null);
        List<TurnLines> recent = new ArrayList<>(state.getRecentTurns());
        recent.add(open.held());
        while (recent.size() > bounds.recentTurnsKept()) {
            recent.remove(0);
        }
        state.setRecentTurns(recent);
    }

    private void forward(Record<String, CallEvent> record, SpeakerTurn turn, long timestamp) {
        context.forward(new Record<String, SpecificRecord>(record.key(), turn, timestamp, record.headers()), TURNS);
    }

    private void deadLetter(Record<String, CallEvent> record, String reason) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(null);
        DeadLetter letter = DeadLetters.refusedRecord("enrich", reason, null, topic,
                source.map(RecordMetadata::partition).orElse(null), source.map(RecordMetadata::offset).orElse(null),
                record.key().getBytes(StandardCharsets.UTF_8), eventSerializer.serialize(topic, record.value()),
                record.timestamp());
        log.warn("Dead letter (call {}): {}", record.key(), reason);
        context.forward(new Record<String, SpecificRecord>(record.key(), letter, record.timestamp(), record.headers()),
                DEAD_LETTERS);
    }

    private static Speaker speakerOf(TurnAssemblyState state, TranscriptLine line) {
        String label = line.getSpeakerLabel();
        Speaker identified = label == null ? null : state.getIdentified().get(label);
        if (identified != null) {
            return Speaker.newBuilder(identified).build();
        }
        // A role the source states (a participants list, an "Analyst" title) beats one read from an affiliation.
        Role role = line.getSpeakerRole() != Role.UNKNOWN ? line.getSpeakerRole()
                : new RoleResolver(state.getCompany()).resolve(label, line.getAffiliation());
        // A label is a name only where the source names a person; "Operator" and "Speaker 3" are not names.
        String name = role == Role.OPERATOR || label == null || ANONYMOUS_LABEL.matcher(label).matches() ? null : label;
        return Speaker.newBuilder()
                .setLabel(label)
                .setName(name)
                .setAffiliation(line.getAffiliation())
                .setRole(role)
                .build();
    }
}
