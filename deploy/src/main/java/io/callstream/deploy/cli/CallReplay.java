package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.ingest.publish.ReplaySchedule;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Replays loaded calls onto call-events at a pace, with progress: shared by {@code ingest file} and {@code ingest stdin}. */
final class CallReplay {

    private CallReplay() {
    }

    static void publish(KafkaOptions kafka, List<LoadedCall> calls, Pace pace, PrintWriter log) throws InterruptedException {
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        List<List<CallEvent>> events = calls.stream().map(LoadedCall::events).toList();
        List<ReplaySchedule.Entry> schedule = ReplaySchedule.of(events);
        long lines = calls.stream().mapToLong(LoadedCall::lines).sum();
        try (KafkaProducer<String, CallEvent> producer =
                     ProducerSettings.keyedByCall(kafka.clientProperties(), topics.callEvents().valueSerde().serializer());
             ReplayProgress progress = new ReplayProgress("Replaying " + calls.size() + " call(s) at " + pace,
                     lines, ReplayProgress.onTerminal(), log)) {
            new CallEventPublisher(producer, names.callEvents()).publish(schedule, pace, event -> {
                if (event.getPayload() instanceof TranscriptLine line && line.getStatus() == Status.FINAL) {
                    progress.step(event.getCallId());
                }
            });
            log.printf("Published %d call(s), %d lines, %d events to %s in %.1f s (%.0f lines/s).%n", calls.size(),
                    lines, schedule.size(), names.callEvents(), progress.elapsed().toMillis() / 1000.0, progress.rate());
        }
    }
}
