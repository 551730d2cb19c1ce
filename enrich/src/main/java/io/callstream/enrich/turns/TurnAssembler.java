package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.Objects;
import java.util.regex.Pattern;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Role;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.roles.RoleResolver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Assembles a call's lines into speaker turns. Every line of the open turn sends a PARTIAL snapshot, so readers
 * see words as they are spoken; the turn goes out FINAL when another speaker starts, the section changes or the
 * call ends. Output depends on the records alone (no wall clock), so a replay yields exactly what live did.
 */
public final class TurnAssembler implements Processor<String, CallEvent, String, SpeakerTurn> {

    /** Labels that number a voice rather than name a person ("Speaker 3"). */
    private static final Pattern ANONYMOUS_LABEL = Pattern.compile("(?i)speaker\\s*\\d+");

    private final String storeName;
    private ProcessorContext<String, SpeakerTurn> context;
    private KeyValueStore<String, TurnAssemblyState> store;

    public TurnAssembler(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, SpeakerTurn> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CallEvent> record) {
        CallEvent event = record.value();
        if (event == null || record.key() == null) {
            return; // tombstones and keyless records carry no call: nothing to assemble
        }
        String callId = record.key();
        TurnAssemblyState state = store.get(callId);
        if (state == null) {
            state = TurnAssemblyState.newBuilder().build();
        }
        Object payload = event.getPayload();
        if (payload instanceof CallStarted started) {
            state.setCompany(started.getCompany());
            state.setTicker(started.getTicker());
        } else if (payload instanceof TranscriptLine line) {
            applyLine(record, state, event, line);
        } else if (payload instanceof SpeakerIdentified identified) {
            state.getIdentified().put(identified.getSpeakerLabel(), Speaker.newBuilder()
                    .setLabel(identified.getSpeakerLabel())
                    .setName(identified.getName())
                    .setAffiliation(identified.getAffiliation())
                    .setRole(identified.getRole())
                    .build());
        } else if (payload instanceof CallEnded) {
            closeOpenTurn(record, state);
            state.setEnded(true);
        }
        store.put(callId, state);
    }

    private void applyLine(Record<String, CallEvent> record, TurnAssemblyState state, CallEvent event, TranscriptLine line) {
        Speaker speaker = speakerOf(state, line);
        SpeakerTurn open = state.getOpenTurn();
        if (open != null && startsNewTurn(open, speaker, line)) {
            closeOpenTurn(record, state);
            open = null;
        }
        long endOffset = event.getCallOffsetMs() + (line.getDurationMs() == null ? 0L : line.getDurationMs());
        SpeakerTurn turn;
        if (open == null) {
            turn = SpeakerTurn.newBuilder()
                    .setCallId(event.getCallId())
                    .setTurnIndex(state.getNextTurnIndex())
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
                    .setEndOffsetMs(endOffset)
                    .setFirstObservedAt(event.getObservedAt())
                    .setLastObservedAt(event.getObservedAt())
                    .setMissingSeqs(new ArrayList<>())
                    .build();
            state.setNextTurnIndex(state.getNextTurnIndex() + 1);
        } else {
            turn = SpeakerTurn.newBuilder(open)
                    .setVersion(open.getVersion() + 1)
                    .setText(TurnText.append(open.getText(), line.getText()))
                    .setLineCount(open.getLineCount() + 1)
                    .setLastLineId(line.getLineId())
                    .setLastSeq(line.getSeq())
                    .setEndOffsetMs(Math.max(open.getEndOffsetMs(), endOffset))
                    .setLastObservedAt(event.getObservedAt())
                    .build();
        }
        state.setOpenTurn(turn);
        state.setLastSeq(line.getSeq());
        context.forward(record.withValue(turn));
    }

    private static boolean startsNewTurn(SpeakerTurn open, Speaker speaker, TranscriptLine line) {
        return !Objects.equals(open.getSpeaker().getLabel(), speaker.getLabel())
                || open.getSection() != line.getSection();
    }

    private void closeOpenTurn(Record<String, CallEvent> record, TurnAssemblyState state) {
        SpeakerTurn open = state.getOpenTurn();
        if (open == null) {
            return;
        }
        SpeakerTurn finalTurn = SpeakerTurn.newBuilder(open)
                .setVersion(open.getVersion() + 1)
                .setStatus(Status.FINAL)
                .build();
        state.setOpenTurn(null);
        context.forward(record.withValue(finalTurn));
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
