package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.deploy.testing.SpeakerChanges;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.ingest.publish.ReplaySchedule;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call in {@code ../shared/data}, in each rendering it comes in (the vendor text, the timed text, the sentence
 * segments), through the enrich topology on the real embedded broker at once and at full speed: each call's FINAL
 * turns are its speaker changes, one for one and in order, and nothing is dead-lettered.
 */
@Tag("integration")
class EveryCallGivesOneTurnPerSpeakerChangeTest {

    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    /**
     * Turns are cut before any tag is read, so the topic tiers cannot change them; the learned tier's sentence
     * embeddings were 8 of this test's 39 s of CPU. InMemoryEngineEquivalenceTest runs the shared calls with it
     * on the topology (a quarter of them in a build), and bench/run digest all of them.
     */
    private static final EnrichOptions RULES_ONLY = EnrichOptions.defaults().withLearned(null);

    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyCallGivesOneFinalTurnPerSpeakerChangeAndNoDeadLetters() throws Exception {
        List<LoadedCall> calls = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(SharedCalls.dataDir()))) {
            calls.addAll(SharedCalls.load(file));
        }
        Map<String, List<SpeakerChanges.Turn>> expected = new TreeMap<>();
        calls.forEach(c -> expected.put(c.callId(), SpeakerChanges.of(c.events())));
        assertThat(expected).as("one call id per call").hasSameSizeAs(calls);

        Map<String, List<SpeakerTurn>> finals;
        List<DeadLetter> deadLetters;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicNames names = TopicNames.defaults();
            TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
            SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
            CallTopics topics = new CallTopics(names, registry);
            EnrichSettings settings = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (KafkaStreams enrich = new KafkaStreams(
                    EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false),
                            RULES_ONLY),
                    settings.toStreamsProperties());
                 KafkaProducer<String, CallEvent> producer = ProducerSettings.keyedByCall(
                         Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                         topics.callEvents().valueSerde().serializer());
                 Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                         stack.bootstrapServers()))) {
                enrich.setUncaughtExceptionHandler(e -> {
                    failure.compareAndSet(null, e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                enrich.start();
                long started = System.nanoTime();
                new CallEventPublisher(producer, names.callEvents()).publish(
                        ReplaySchedule.of(calls.stream().map(LoadedCall::events).toList()), Pace.MAX, e -> { });
                long published = System.nanoTime();
                awaitCaughtUp(admin, settings.applicationId(), names.callEvents(), failure);
                System.out.printf("%d calls, %d events, %d speaker changes: published in %d ms, enrich caught up %d ms "
                        + "later%n", calls.size(), calls.stream().mapToInt(c -> c.events().size()).sum(),
                        expected.values().stream().mapToInt(List::size).sum(),
                        (published - started) / 1_000_000, (System.nanoTime() - published) / 1_000_000);
            }
            finals = latestVersions(TopicContents.readAll(stack.endpoints(), names.callTurns(), SpeakerTurn.class));
            deadLetters = TopicContents.readAll(stack.endpoints(), names.deadLetters(), DeadLetter.class);
        }

        assertThat(deadLetters).as("dead letters").extracting(d -> d.getCallId() + ": " + d.getReason()).isEmpty();
        List<String> differences = new ArrayList<>();
        expected.forEach((callId, turns) -> differences.addAll(
                differences(callId, turns, finals.getOrDefault(callId, List.of()))));
        assertThat(finals.keySet()).as("calls with turns").isEqualTo(expected.keySet());
        assertThat(differences).as("calls whose FINAL turns are not their speaker changes").isEmpty();
    }

    /** Each call's turns, the highest version of each turn index, in turn order. */
    private static Map<String, List<SpeakerTurn>> latestVersions(List<SpeakerTurn> snapshots) {
        Map<String, Map<Integer, SpeakerTurn>> byCall = new TreeMap<>();
        for (SpeakerTurn t : snapshots) {
            byCall.computeIfAbsent(t.getCallId(), id -> new TreeMap<>()).merge(t.getTurnIndex(), t,
                    (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        Map<String, List<SpeakerTurn>> latest = new TreeMap<>();
        byCall.forEach((callId, turns) -> latest.put(callId, List.copyOf(turns.values())));
        return latest;
    }

    /** What differs between a call's expected turns and its assembled ones, one readable line per difference. */
    private static List<String> differences(String callId, List<SpeakerChanges.Turn> expected, List<SpeakerTurn> actual) {
        List<String> out = new ArrayList<>();
        if (expected.size() != actual.size()) {
            out.add(callId + ": " + actual.size() + " turns, " + expected.size() + " speaker changes");
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            SpeakerChanges.Turn want = expected.get(i);
            SpeakerTurn got = actual.get(i);
            SpeakerChanges.Turn seen = new SpeakerChanges.Turn(got.getSpeaker().getLabel(), want.sourceSection(),
                    got.getFirstLineId(), got.getLastLineId());
            if (got.getTurnIndex() != i || got.getStatus() != Status.FINAL || !seen.equals(want)) {
                out.add(callId + ": turn " + i + " is " + got.getStatus() + " #" + got.getTurnIndex() + " "
                        + seen + ", expected " + want);
                break; // after the first difference every later turn is off by one: say the first only
            }
        }
        return out;
    }

    /** Waits until enrich has committed, within its transactions, every record on its input topic. */
    private static void awaitCaughtUp(Admin admin, String applicationId, String topic, AtomicReference<Throwable> failure)
            throws InterruptedException, ExecutionException {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        // The broker's view of enrich's progress is polled: there is no callback for it.
        await("enrich caught up").atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertThat(failure.get()).as("enrich failed").isNull())
                .until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                    return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue());
                });
    }
}
