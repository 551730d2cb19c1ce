package io.callstream.deploy.sink;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.callstream.avro.Status;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ChildJava;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.deploy.testing.StoreTables;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.BatchStage;
import io.callstream.sink.jdbc.CallStore;
import io.callstream.sink.testing.PostgresSchema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code callstream sink} process at each stage of a batch in turn (as kill -9 or a power cut would: no
 * shutdown hook, no commit), each process started where the one before it was killed, then starts one that reads to
 * the end, and finds the store holding exactly what one uninterrupted write of every record gives, with its offsets at
 * the end of every topic: nothing lost, nothing doubled, no stale version. One test per store, not one per stage and
 * store: each sink process costs seconds of CPU to start, and a crash after a crash is a case of its own.
 */
@Tag("integration")
class SinkCrashTest {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String GROUP = "callstream-sink";
    private EmbeddedStack stack;

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private SinkHarness harness;

    // A stack per test: `callstream sink` reads the default topic names, so each test needs a broker of its own.
    @BeforeEach
    void start() {
        stack = EmbeddedStack.start();
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        harness = new SinkHarness(stack.endpoints(), names);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    /** Three calls, each turn as a PARTIAL then its FINAL, so a lost or stale version would show. */
    private static List<SpecificRecord> records() {
        List<SpecificRecord> records = new ArrayList<>();
        for (String call : List.of("c1", "c2", "c3")) {
            records.add(started(call));
            records.add(line(call, 0, "Good afternoon."));
            for (int i = 0; i < 4; i++) {
                records.add(enriched(call, i, 0, Status.PARTIAL, "Turn " + i, "guidance"));
                records.add(exchange(call, i, 0, Status.PARTIAL));
                records.add(enriched(call, i, 1, Status.FINAL, "Turn " + i + " ends", "cash-burn", "guidance"));
                records.add(exchange(call, i, 1, Status.FINAL));
                records.add(alert(call, "guidance-with-number", i));
            }
            records.add(ended(call, 9));
        }
        return records;
    }

    @Test
    void sqliteStoreHoldsEveryRecordOnceAfterACrashAtEachStageOfABatch() throws Exception {
        crashAtEachStageThenReadToTheEnd("jdbc:sqlite:" + dir.resolve("store.db"));
    }

    @Test
    void postgresStoreHoldsEveryRecordOnceAfterACrashAtEachStageOfABatch() throws Exception {
        crashAtEachStageThenReadToTheEnd(postgres.url());
    }

    private void crashAtEachStageThenReadToTheEnd(String store) throws Exception {
        List<SpecificRecord> records = records();
        harness.produce(records);
        Map<TopicPartition, Long> ends = harness.endOffsets();
        String expected = "jdbc:sqlite:" + dir.resolve("expected.db");
        try (CallStore reference = CallStore.open(expected)) {
            reference.write(records, "reference", Map.of());
        }

        // Nothing read before the first process, which migrates the fresh store itself.
        long before = 0;
        for (BatchStage stage : BatchStage.values()) {
            Process crashed = sink(store, "--halt-at", stage.name().toLowerCase().replace('_', '-') + ":3");
            boolean halted = crashed.waitFor(RUN.toSeconds(), TimeUnit.SECONDS);
            crashed.destroyForcibly();
            assertThat(halted).as("the sink halted at %s; it printed %s%s", stage,
                    Files.readString(dir.resolve("sink.out")), Files.readString(dir.resolve("sink.err"))).isTrue();
            assertThat(crashed.exitValue()).as("exit code of a process halted at " + stage).isEqualTo(137);
            assertThat(Files.readString(dir.resolve("sink.err"))).contains("halting at " + stage + " of batch 3");
            long atCrash = total(offsets(store));
            // Batches were committed before the third (the first may hold offsets alone): the process went on from
            // where the one before it was killed.
            assertThat(atCrash).as("records stored by the process halted at %s", stage).isGreaterThan(before);
            assertThat(atCrash).as("the crash at %s left records to read", stage).isLessThan(total(ends));
            before = atCrash;
        }

        Process restarted = sink(store);
        try {
            // The other process's progress is read from the store: it has nothing else to wait on.
            await().atMost(RUN).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> assertThat(restarted.isAlive()).as("the restarted sink is running; its errors: %s",
                            Files.readString(dir.resolve("sink.err"))).isTrue())
                    .until(() -> caughtUp(offsets(store), ends));
        } finally {
            restarted.destroy(); // SIGTERM: the sink's shutdown hook stops it cleanly
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(offsets(store)).as("the store's offsets").isEqualTo(ends);
        for (String table : StoreTables.TABLES) {
            assertThat(StoreTables.dump(store, table)).as(table).isEqualTo(StoreTables.dump(expected, table));
        }
    }

    /** Starts {@code callstream sink} in a JVM of its own, in batches of five records. */
    private Process sink(String store, String... more) throws Exception {
        List<String> command = ChildJava.command(
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.callstream.avro,io.callstream.avro.state");
        command.addAll(List.of("io.callstream.deploy.Main", "sink",
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                "--store", store, "--group-id", GROUP, "--batch-size", "5"));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("sink.out").toFile())
                .redirectError(dir.resolve("sink.err").toFile());
        // The halted process never leaves its group. Its successor has the same static member id (through the KAFKA_*
        // variables any deployment would use), so the broker (classic group protocol, the default) hands it the
        // partitions at once instead of after the session timeout: what is under test is the store after the crash,
        // not the takeover. The shipped deployments use dynamic membership; the torture suite's sinks take over that
        // way, after the session timeout.
        builder.environment().put("KAFKA_GROUP_INSTANCE_ID", "sink-crash-test");
        return builder.start();
    }

    private Map<TopicPartition, Long> offsets(String store) throws SQLException {
        try (CallStore s = CallStore.open(store)) {
            return s.offsets(GROUP);
        }
    }

    private static boolean caughtUp(Map<TopicPartition, Long> at, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> at.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
