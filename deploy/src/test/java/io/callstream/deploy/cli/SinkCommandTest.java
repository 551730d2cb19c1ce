package io.callstream.deploy.cli;

import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ChildJava;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.testing.PostgresSchema;
import io.callstream.sink.testing.TcpProxy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code callstream sink} as its own process on a broker, filling a real PostgreSQL (a schema of its own, dropped
 * afterwards; skipped with the reason where no server answers) with everything enrich made of the Tesla call.
 */
@Tag("integration")
class SinkCommandTest {

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void waitsForPostgresThatIsNotUpYetThenStoresEverythingEnrichMadeOfTheTeslaCallOnce() throws Exception {
        List<CallEvent> events = TeslaSample.events();
        EnrichOutputs outputs;
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            outputs = enrich.run(events);
        }
        List<SpecificRecord> records = new ArrayList<>(events);
        records.addAll(outputs.enrichedTurns());
        records.addAll(outputs.exchanges());
        records.addAll(outputs.alerts());
        long finals = outputs.enrichedTurns().stream().filter(t -> t.getTurn().getStatus() == Status.FINAL).count();
        long exchanges = outputs.exchanges().stream().map(QaExchange::getExchangeId).distinct().count();
        long alerts = outputs.alerts().stream().map(Alert::getAlertId).distinct().count();
        long tags = outputs.enrichedTurns().stream().filter(t -> t.getTurn().getStatus() == Status.FINAL)
                .mapToLong(t -> t.getTopics().size()).sum();
        assertThat(finals).as("the call has FINAL turns to store").isPositive();
        assertThat(alerts).as("the call raises alerts").isPositive();

        String direct = postgres.url();
        try (EmbeddedStack stack = EmbeddedStack.start();
             TcpProxy database = TcpProxy.toServerOf(direct)) {
            // The database is not up yet when the sink starts (containers started together): it waits for it.
            database.cut();
            String store = database.relayed(direct);
            TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
            SinkHarness harness = new SinkHarness(stack.endpoints(), TopicNames.defaults());
            harness.produce(records);
            Map<TopicPartition, Long> ends = harness.endOffsets();
            Process sink = new ProcessBuilder(ChildJava.callstream("sink",
                    "--store", store, "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl(), "--port", "0"))
                    .redirectErrorStream(true).start();
            StringBuffer output = new StringBuffer();
            Thread drain = new Thread(() -> new BufferedReader(new InputStreamReader(sink.getInputStream(),
                    StandardCharsets.UTF_8)).lines().forEach(l -> output.append(l).append('\n')), "sink-output");
            drain.setDaemon(true);
            drain.start();
            try {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertThat(sink.isAlive()).as("sink still running; its output:\n" + output).isTrue())
                        .until(() -> output.toString().contains("does not answer yet"));
                // Its probes answer while it waits: alive (a restart would not help), not ready, saying why.
                Matcher printed = HEALTH_LINE.matcher(output.toString());
                assertThat(printed.find()).as("the health line comes before the wait; output:\n" + output).isTrue();
                URI base = URI.create(printed.group(1) + "/");
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> live = get(http, base.resolve("/health/live"));
                assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
                assertThat(live.body()).contains("not polling yet: the store does not answer yet (");
                HttpResponse<String> waiting = get(http, base.resolve("/health/ready"));
                assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(503);
                assertThat(waiting.body()).contains("\"store\":\"the store does not answer yet (")
                        .doesNotContain("polling\"");
                database.restore();
                // The sink process reports to its output only; the database is polled.
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .failFast(() -> assertThat(sink.isAlive()).as("sink still running; its output:\n" + output).isTrue())
                        .until(() -> output.toString().contains("stored so far") && storedOffsets(store).equals(ends));
                // its broker check too asks the broker, within 2 s: asked again where a busy machine misses that
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(http, base.resolve("/health/ready"));
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                    assertThat(ready.body()).contains("\"store\":\"RUNNING since ", "\"consumer\":\"polling\"");
                });
            } finally {
                sink.destroy();
                assertThat(sink.waitFor(60, TimeUnit.SECONDS)).as("sink stops on SIGTERM").isTrue();
            }
            assertThat(output.toString()).as("start line")
                    .contains("sink: the store " + SinkCommand.redacted(store) + " does not answer yet")
                    .contains("sink: call-events, call-turns-enriched, call-qa and call-alerts from "
                            + stack.bootstrapServers() + " (group callstream-sink) into " + SinkCommand.redacted(store))
                    .contains("turn snapshots (" + finals + " FINAL)");
        }
        String store = direct;
        assertThat(SinkHarness.rows(store, "SELECT COUNT(*), COUNT(DISTINCT turn_index), MIN(status), MAX(status) "
                + "FROM turns")).containsExactly(finals + "|" + finals + "|FINAL|FINAL");
        assertThat(SinkHarness.rows(store, "SELECT COUNT(*) FROM turn_topics")).containsExactly(String.valueOf(tags));
        assertThat(SinkHarness.rows(store, "SELECT COUNT(*) FROM exchanges WHERE status = 'FINAL'"))
                .containsExactly(String.valueOf(exchanges));
        assertThat(SinkHarness.rows(store, "SELECT COUNT(*) FROM alerts")).containsExactly(String.valueOf(alerts));
        long lines = events.stream().filter(e -> e.getPayload() instanceof TranscriptLine).count();
        assertThat(SinkHarness.rows(store, "SELECT company, ticker, line_count FROM calls"))
                .containsExactly("Tesla, Inc.|TSLA|" + lines);
    }

    @Test
    void withAPortServesHealthAndMetricsCountingTheTombstonesItDeadLetters(@TempDir Path dir) throws Exception {
        String store = "jdbc:sqlite:" + dir.resolve("sink.db");
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicNames names = TopicNames.defaults();
            TopicCreator.ensure(stack.bootstrapServers(), names, 1, (short) 1);
            new SinkHarness(stack.endpoints(), names).produce(List.of(started("c1"),
                    enriched("c1", 0, 1, Status.FINAL, "Good afternoon.", "guidance")));
            Properties p = new Properties();
            p.put("bootstrap.servers", stack.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (String topic : List.of(names.callEvents(), names.qa())) {
                    raw.send(new ProducerRecord<>(topic, "c1".getBytes(StandardCharsets.UTF_8), null)).get();
                }
            }
            StringWriter out = new StringWriter();
            CommandLine cli = CallstreamCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread sink = new Thread(() -> exit.set(cli.execute("sink", "--store", store, "--port", "0",
                    "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl())),
                    "sink-under-test");
            sink.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> HEALTH_LINE.matcher(out.toString()).find());
                Matcher m = HEALTH_LINE.matcher(out.toString());
                assertThat(m.find()).isTrue();
                URI base = URI.create(m.group(1) + "/");
                HttpClient http = HttpClient.newHttpClient();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(http, base.resolve("/health/ready"));
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                    assertThat(ready.body()).contains("\"status\":\"UP\"", "\"store\":\"RUNNING since ",
                            "\"consumer\":\"polling\"", "\"broker\":\"reachable: 1 broker");
                });
                assertThat(get(http, base.resolve("/health/live")).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        get(http, base.resolve("/metrics")).body())
                        .contains("callstream_sink_dead_letters_total{reason=\"a record with no value\",topic=\"call-events\"} 1.0\n")
                        .contains("callstream_sink_dead_letters_total{reason=\"a record with no value\",topic=\"call-qa\"} 1.0\n")
                        .contains("callstream_consumer_lag{group=\"callstream-sink\"} 0.0\n"));
                HttpResponse<String> root = get(http, base);
                assertThat(root.statusCode()).isEqualTo(404);
                assertThat(root.body()).contains("/health/live, /health/ready and /metrics");
            } finally {
                sink.interrupt();
                sink.join(30_000);
            }
            assertThat(sink.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
        }
        assertThat(SinkHarness.rows(store, "SELECT call_id, turn_index FROM turns")).containsExactly("c1|0");
    }

    /** The line a sink with --port prints: where its probes answer. */
    private static final Pattern HEALTH_LINE =
            Pattern.compile("sink: health (http://\\S+)/health/ready   metrics: \\S+/metrics");

    @Test
    void aPortInUseExitsOneSayingWhatToDo(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("sink", "--store", "jdbc:sqlite:" + dir.resolve("sink.db"),
                    "--port", String.valueOf(taken.getLocalPort()), "--bootstrap-servers", "127.0.0.1:1");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("callstream sink: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another --port, or --port 0 for a free one");
            assertThat(run.out()).as("nothing started").isEmpty();
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<TopicPartition, Long> storedOffsets(String store) throws Exception {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        for (String row : SinkHarness.rows(store, "SELECT topic, partition_id, next_offset FROM sink_offsets")) {
            String[] columns = row.split("\\|");
            offsets.put(new TopicPartition(columns[0], Integer.parseInt(columns[1])), Long.parseLong(columns[2]));
        }
        return offsets;
    }

    @Test
    void aStoreThatCannotBeReachedExitsOneNamingItsUrl() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=3";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("sink", "--store", unreachable, "--store-wait", "0", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
        assertThat(err.toString())
                .startsWith("callstream sink: cannot open the store "
                        + "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***&connectTimeout=3")
                .contains("check that the database is running")
                .doesNotContain("hunter2");
        assertThat(out.toString()).as("nothing started").isEmpty();
    }

    @Test
    void aStoreThatStaysUnreachableIsWaitedForThenExitsOneSayingSo() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=3";
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        long started = System.nanoTime();
        int exit = cli.execute("sink", "--store", unreachable, "--store-wait", "5",
                "--bootstrap-servers", "127.0.0.1:1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(exit).isEqualTo(1);
        String redacted = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***&connectTimeout=3";
        List<String> lines = err.toString().lines().toList();
        // How many attempts fit in the wait depends on how long each takes to be refused: one line per retry.
        assertThat(lines).as(err.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0)).startsWith("sink: the store " + redacted + " does not answer yet (Connection refused)")
                .containsPattern("; trying again in 1 s \\(attempt 2; [0-4] s more of --store-wait\\)\\.$");
        for (int retry = 1; retry < lines.size() - 1; retry++) {
            assertThat(lines.get(retry)).containsPattern("; trying again in [1-4] s \\(attempt " + (retry + 2)
                    + "; [0-3] s more of --store-wait\\)\\.$");
        }
        assertThat(lines.get(lines.size() - 1)).startsWith("callstream sink: cannot open the store " + redacted + " (")
                .contains("check that the database is running");
        assertThat(lines).noneMatch(line -> line.contains("hunter2"));
        assertThat(took).as("the wait, its attempts included, and a last attempt").isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void anInterruptWhileWaitingForTheStoreIsAStopThatExitsZero() throws Exception {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=3";
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread sink = new Thread(() -> exit.set(cli.execute("sink", "--store", unreachable, "--store-wait", "600",
                "--bootstrap-servers", "127.0.0.1:1")), "sink-under-test");
        sink.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("does not answer yet"));
        } finally {
            sink.interrupt(); // in-process, this process's Ctrl-C
            sink.join(30_000);
        }

        assertThat(sink.isAlive()).isFalse();
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(err.toString()).contains("callstream sink: stopped while waiting for the store")
                .doesNotContain("cannot open the store");
    }

    @Test
    void batchSizeBelowOneIsRefusedWithTheReason() {
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("sink", "--batch-size", "0", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-size must be at least 1, not 0");
    }
}
