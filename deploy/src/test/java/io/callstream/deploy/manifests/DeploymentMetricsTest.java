package io.callstream.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every series the Grafana dashboard and the Prometheus alert rules of {@code deploy/monitoring} query, name and
 * label values alike, is one that the stages export: {@code enrich}, {@code sink} and {@code alerts} with
 * {@code --port}, and {@code serve}, each run as the deployment files run them, on the embedded broker, while the
 * Tesla call and a record no stage can read go through, and their {@code /metrics} scraped.
 */
@Tag("integration")
class DeploymentMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:callstream|kafka)_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? ");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    /** One command running in this process, and what it prints. */
    private record Stage(String name, Thread thread, StringWriter out) {

        static Stage start(String... args) {
            StringWriter out = new StringWriter();
            CommandLine cli = CallstreamCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            Thread thread = new Thread(() -> cli.execute(args), args[0] + "-under-test");
            thread.start();
            return new Stage(args[0], thread, out);
        }

        /** The base URL it printed: {@code enrich: health http://...} or {@code dashboard: http://...}. */
        URI base() {
            Pattern printed = Pattern.compile("(?:health|dashboard:) (http://[^/\\s]+)");
            await().atMost(WAIT).untilAsserted(() -> assertThat(printed.matcher(out.toString()).find())
                    .as(name + " printed where it serves, but said: " + out).isTrue());
            Matcher m = printed.matcher(out.toString());
            assertThat(m.find()).isTrue();
            return URI.create(m.group(1));
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everySeriesTheDashboardAndAlertRulesQueryIsOneTheStagesExport() throws Exception {
        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThan(5);
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicNames names = TopicNames.defaults();
            TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
            List<String> cluster = List.of("--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl(), "--port", "0");
            List<Stage> stages = new ArrayList<>();
            try {
                stages.add(Stage.start(with(cluster, "serve", "--token", "t")));
                stages.add(Stage.start(with(cluster, "enrich", "--state-dir", dir.resolve("state").toString())));
                stages.add(Stage.start(with(cluster, "sink", "--store", "jdbc:sqlite:" + dir.resolve("store.db"))));
                stages.add(Stage.start(with(cluster, "alerts", "--quiet")));
                HttpClient http = HttpClient.newHttpClient();
                Map<String, URI> bases = new LinkedHashMap<>();
                for (Stage stage : stages) {
                    bases.put(stage.name(), stage.base());
                }
                // serve counts from the end of the topics: what is produced once its feed is ready is counted.
                await().atMost(WAIT).until(() -> get(http, bases.get("serve").resolve("/health/ready")).statusCode() == 200);

                new SinkHarness(stack.endpoints(), names).produce(new ArrayList<SpecificRecord>(TeslaSample.events()));
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(names.callEvents(), "unreadable-call",
                            new byte[] {0, 0, 0, 0, 42, 1, 2})).get();
                }

                // Tags are counted on FINAL turns, which can trail the first alert by seconds on a loaded machine:
                // every query's series is waited for, not only the first to appear.
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, String> scrapes = new LinkedHashMap<>();
                    List<Map<String, String>> series = new ArrayList<>();
                    for (Map.Entry<String, URI> e : bases.entrySet()) {
                        scrapes.put(e.getKey(), get(http, e.getValue().resolve("/metrics")).body());
                        series.addAll(series(scrapes.get(e.getKey())));
                    }
                    // Each stage's own, which the queries alone would let another stage's series stand in for.
                    assertThat(scrapes.get("serve")).contains("callstream_alerts_total{",
                            "callstream_dead_letters_total{", "callstream_latency_alert_seconds_bucket{");
                    assertThat(scrapes.get("enrich")).contains("kafka_stream_thread_process_total{");
                    assertThat(scrapes.get("sink")).contains("callstream_consumer_lag{group=\"callstream-sink\"}");
                    assertEveryQueryFindsItsSeries(queries, series);
                });
                // The probes the deployment files point at answer as an orchestrator expects.
                for (String stage : List.of("enrich", "sink", "alerts", "serve")) {
                    for (String probe : List.of("/health/live", "/health/ready")) {
                        HttpResponse<String> answer = get(http, bases.get(stage).resolve(probe));
                        assertThat(answer.statusCode()).as(stage + probe + ": " + answer.body()).isEqualTo(200);
                    }
                }
                assertThat(get(http, bases.get("enrich").resolve("/health/ready")).body())
                        .contains("\"enrich\":\"RUNNING\"", "\"broker\":\"reachable");
                assertThat(get(http, bases.get("alerts").resolve("/health/ready")).body())
                        .contains("\"broker\":\"reachable");
            } finally {
                for (Stage stage : stages) {
                    stage.stop();
                }
            }
            for (Stage stage : stages) {
                assertThat(stage.thread().isAlive()).as(stage.name() + " stopped").isFalse();
            }
        }
    }

    private static void assertEveryQueryFindsItsSeries(List<String> queries, List<Map<String, String>> series) {
        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            int found = 0;
            while (selector.find()) {
                found++;
                Map<String, String> wanted = labelled(selector.group(1), selector.group(3), MATCHER);
                assertThat(series).as(query + ": a series with " + wanted)
                        .anyMatch(s -> s.entrySet().containsAll(wanted.entrySet()));
            }
            assertThat(found).as(query + " queries a callstream or Kafka metric").isPositive();
            for (String label : groupedBy(query)) {
                assertThat(series).as(query + ": a series of its metrics with the label " + label + " it groups by")
                        .anyMatch(s -> s.containsKey(label) && metricsOf(query).contains(s.get("__name__")));
            }
        }
    }

    /**
     * The labels a query groups by ({@code by (...)}) or names in its legend ({@code {{label}}}), less those
     * Prometheus adds at scrape time ({@code instance}, {@code job}) and histograms' {@code le}.
     */
    private static Set<String> groupedBy(String query) {
        Set<String> labels = new TreeSet<>();
        Matcher by = BY.matcher(query);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        Matcher legend = LEGEND.matcher(query);
        while (legend.find()) {
            labels.add(legend.group(1));
        }
        labels.removeAll(Set.of("instance", "job", "le", ""));
        return labels;
    }

    private static Set<String> metricsOf(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = SELECTOR.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every PromQL expression of the dashboard's panels and of the alert rules. */
    @SuppressWarnings("unchecked")
    private static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(
                DeploymentFiles.MONITORING.resolve("grafana-dashboard.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                // The legend's labels travel with the query, so that they are checked against its series too.
                queries.add(target.path("expr").asText() + " # legend " + target.path("legendFormat").asText());
            }
        }
        Map<String, Object> rules = DeploymentFiles.documents(
                DeploymentFiles.MONITORING.resolve("prometheus-rules.yaml")).get(0);
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                queries.add((String) rule.get("expr"));
            }
        }
        assertThat(queries).doesNotContain("");
        return queries;
    }

    private static List<Map<String, String>> series(String scrape) {
        List<Map<String, String>> series = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            series.add(labelled(m.group(1), m.group(3), LABEL));
        }
        return series;
    }

    /** A metric's name as {@code __name__} and its labels, each pair as {@code pair} reads it; none where null. */
    private static Map<String, String> labelled(String name, String labels, Pattern pair) {
        Map<String, String> labelled = new LinkedHashMap<>();
        labelled.put("__name__", name);
        if (labels != null) {
            Matcher m = pair.matcher(labels);
            while (m.find()) {
                labelled.put(m.group(1), m.group(2));
            }
        }
        return labelled;
    }

    private static String[] with(List<String> common, String... command) {
        return Stream.concat(Stream.of(command), common.stream()).toArray(String[]::new);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
