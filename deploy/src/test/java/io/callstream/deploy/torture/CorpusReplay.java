package io.callstream.deploy.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.callstream.avro.CallEvent;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.publish.Pacer;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.ingest.publish.RefusedEvent;
import io.callstream.ingest.publish.ReplaySchedule;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A folder of calls replayed onto call-events on a thread of this JVM, as {@code callstream replay} does (the same
 * reader, schedule, producer settings and publisher), on a clock the suite can hurry: once its faults are over, the
 * rest goes at once instead of idling through the longest call's tail.
 */
final class CorpusReplay implements AutoCloseable {

    private final Pacer pacer;
    /** The call time of the schedule's last event. */
    private final long endMs;
    private final Thread thread;
    private final CompletableFuture<List<RefusedEvent>> done;

    private CorpusReplay(Pacer pacer, long endMs, Thread thread, CompletableFuture<List<RefusedEvent>> done) {
        this.pacer = pacer;
        this.endMs = endMs;
        this.thread = thread;
        this.done = done;
    }

    /** Reads every call of {@code corpus} and starts sending their events, interleaved as simultaneous calls. */
    static CorpusReplay start(Path corpus, Pace pace, String bootstrap, String registryUrl) throws IOException {
        List<List<CallEvent>> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                SharedCalls.load(file).stream().map(LoadedCall::events).forEach(calls::add);
            }
        }
        List<ReplaySchedule.Entry> schedule = ReplaySchedule.of(calls);
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names,
                new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)));
        Pacer pacer = new Pacer(pace);
        CompletableFuture<List<RefusedEvent>> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (KafkaProducer<String, CallEvent> producer = ProducerSettings.keyedByCall(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    topics.callEvents().valueSerde().serializer())) {
                done.complete(new CallEventPublisher(producer, names.callEvents()).publish(schedule, pacer, e -> {
                }));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "torture-replay");
        thread.setDaemon(true);
        thread.start();
        long endMs = schedule.stream().mapToLong(ReplaySchedule.Entry::elapsedMs).max().orElse(0);
        return new CorpusReplay(pacer, endMs, thread, done);
    }

    boolean running() {
        return !done.isDone();
    }

    /** Sends what is left at once. */
    void hurry() {
        pacer.change(Pace.MAX);
    }

    Pace pace() {
        return pacer.pace();
    }

    /** Paces what is left at {@code pace}. */
    void pace(Pace pace) {
        pacer.change(pace);
    }

    /** The wall time what is left of the longest call takes at the replay's pace. */
    Duration left() {
        Pace pace = pacer.pace();
        return pace.unpaced() ? Duration.ZERO
                : Duration.ofMillis(Math.round(Math.max(0, endMs - pacer.reachedMs()) / pace.speed()));
    }

    /** Waits for the last event to be acknowledged, and fails where the broker refused one or the time ran out. */
    List<RefusedEvent> await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the replay failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops a replay a failed suite leaves running, so that it does not go on sending to a cluster being closed. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(40).toMillis()); // the producer's close waits for what is in flight
    }

    /** Why the replay ended early, for a failure message: its error, or that it finished. */
    String outcome() {
        if (!done.isDone()) {
            return "still running";
        }
        return done.handle((refused, e) -> e == null ? "finished, " + refused.size() + " events refused"
                : "failed: " + e).join();
    }
}
