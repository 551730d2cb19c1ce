package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.canonical.CanonicalJson;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.ingest.publish.RefusedEvent;
import io.callstream.ingest.publish.ReplaySchedule;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.ingest.source.RefusedLine;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Replays loaded calls onto call-events at a pace, with progress, and the lines refused on the way onto call-dlq:
 * shared by {@code ingest file} and {@code ingest stdin}.
 */
final class CallReplay {

    static final String STAGE = "ingest";

    private CallReplay() {
    }

    /**
     * @param refused lines the reader refused (their {@code where} is the dead letter's source: "file x.txt line 3");
     *                events the publisher refuses are added, named by their call's source and line id
     * @return how many dead letters were sent
     */
    static int publish(KafkaOptions kafka, List<LoadedCall> calls, List<RefusedLine> refused, Pace pace,
                       PrintWriter log) throws InterruptedException {
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        List<List<CallEvent>> events = calls.stream().map(LoadedCall::events).toList();
        List<ReplaySchedule.Entry> schedule = ReplaySchedule.of(events);
        long lines = calls.stream().mapToLong(LoadedCall::lines).sum();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<RefusedLine> letters = new ArrayList<>(refused);
        try (KafkaProducer<String, CallEvent> producer =
                     ProducerSettings.keyedByCall(kafka.clientProperties(), topics.callEvents().valueSerde().serializer());
             KafkaProducer<String, DeadLetter> deadLetters =
                     ProducerSettings.keyedByCall(kafka.clientProperties(), topics.deadLetters().valueSerde().serializer());
             ReplayProgress progress = new ReplayProgress("Replaying " + calls.size() + " call(s) at " + pace,
                     lines, ReplayProgress.onTerminal(), log)) {
            List<RefusedEvent> unsent = new CallEventPublisher(producer, names.callEvents()).publish(schedule, pace,
                    event -> {
                        if (event.getPayload() instanceof TranscriptLine line && line.getStatus() == Status.FINAL) {
                            progress.step(event.getCallId());
                        }
                    });
            unsent.forEach(r -> letters.add(refusedLine(calls, r)));
            long unsentLines = unsent.stream().filter(r -> r.event().getPayload() instanceof TranscriptLine line
                    && line.getStatus() == Status.FINAL).count();
            for (RefusedLine letter : letters) {
                DeadLetter deadLetter = DeadLetters.refusedInput(STAGE, letter.reason(), letter.callId(),
                        letter.where(), letter.raw(), Instant.now());
                deadLetters.send(new ProducerRecord<>(names.deadLetters(), null,
                        deadLetter.getObservedAt().toEpochMilli(), deadLetter.getCallId(), deadLetter), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            deadLetters.flush();
            log.printf("Published %d call(s), %d lines, %d events to %s in %.1f s (%.0f lines/s); %d line(s) refused"
                            + " (on %s).%n", calls.size(), lines - unsentLines, schedule.size() - unsent.size(),
                    names.callEvents(), progress.elapsed().toMillis() / 1000.0, progress.rate(), letters.size(),
                    names.deadLetters());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not take every dead letter: " + failure.get().getMessage(),
                    failure.get());
        }
        return letters.size();
    }

    private static RefusedLine refusedLine(List<LoadedCall> calls, RefusedEvent refused) {
        CallEvent event = refused.event();
        String source = calls.stream().filter(c -> c.callId().equals(event.getCallId())).map(LoadedCall::source)
                .findFirst().orElse("call " + event.getCallId());
        String where = event.getPayload() instanceof TranscriptLine line ? source + " (line " + line.getLineId() + ")"
                : source;
        byte[] json = CanonicalJson.callEvents().write(event).getBytes(StandardCharsets.UTF_8);
        return new RefusedLine(event.getCallId(), where, refused.reason(), json);
    }
}
