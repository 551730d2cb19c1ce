package io.callstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.CallEvent;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the live enrich topology writes for each line it reads, on the real calls of the shared corpus as their files
 * give them (one file per call: the {@code .txt} of each pair), by the line's place in its turn: the state's
 * changelogs, and the output topics. Counted in bytes as they would reach the broker (key and value, serialized),
 * so the figure is exact and the same on every run and machine: the measure of "a line costs its own words, not the
 * turn's" that timing a shared machine cannot give. A store whose writes grow with the turn's length shows as a
 * column that grows down the table.
 *
 * <p>The topology runs in a {@link TopologyTestDriver} on {@link EnrichSettings#defaults} (RocksDB): the driver
 * commits after every record, so every write a line causes reaches its changelog before the next line, as a live
 * commit interval would send it at the latest. Options: {@code --data DIR} (default ../shared/data).
 */
public final class StateWritesPerLine {

    /** Upper bounds (inclusive) of the buckets of a line's place in its turn. */
    private static final int[] BUCKETS = {1, 2, 5, 10, 20, 50, Integer.MAX_VALUE};

    private StateWritesPerLine() {
    }

    public static void main(String[] args) throws Exception {
        AvroClassTrust.trustGeneratedClasses();
        Path data = Path.of(System.getenv().getOrDefault("CALLSTREAM_SHARED_DIR", "../shared"), "data");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; takes --data DIR");
            }
        }
        if (!Files.isDirectory(data)) {
            System.out.println("state writes: " + data + " is absent (set CALLSTREAM_SHARED_DIR): nothing to measure");
            return;
        }
        // Per bucket: lines, then bytes by topic.
        long[] lines = new long[BUCKETS.length];
        Map<String, long[]> bytes = new TreeMap<>();
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);
        Path stateDir = Files.createTempDirectory("callstream-state-writes-");
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
            CallTopics topics = new CallTopics(TopicNames.defaults(),
                    new SchemaRegistryClient(RegistryClientConfig.of(registry.url())));
            EnrichSettings settings = EnrichSettings.defaults("in-process:9092", registry.url(), stateDir);
            try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(topics,
                    topics.stateSerde(TurnAssemblyState.class), EnrichOptions.defaults()),
                    settings.toStreamsProperties())) {
                TestInputTopic<String, CallEvent> events = driver.createInputTopic(topics.callEvents().name(),
                        topics.callEvents().keySerde().serializer(), topics.callEvents().valueSerde().serializer());
                TestOutputTopic<String, SpeakerTurn> turns = driver.createOutputTopic(topics.callTurns().name(),
                        topics.callTurns().keySerde().deserializer(), topics.callTurns().valueSerde().deserializer());
                Map<String, TestOutputTopic<byte[], byte[]>> raw = new TreeMap<>();
                for (Path file : InputFiles.expand(List.of(data))) {
                    if (file.getFileName().toString().endsWith(".segments.tsv")) {
                        continue; // the .txt twin of the same call is read
                    }
                    for (LoadedCall call : reader.read(Files.readAllBytes(file), file.toString(),
                            "file:" + file.getFileName(), CallOverrides.NONE).calls()) {
                        for (CallEvent event : call.events()) {
                            events.pipeInput(event.getCallId(), event, event.getObservedAt());
                            List<SpeakerTurn> snapshots = turns.readValuesToList();
                            if (!(event.getPayload() instanceof TranscriptLine) || snapshots.isEmpty()) {
                                drain(driver, raw, topics, null, bytes);
                                continue;
                            }
                            // The line's own snapshot is the last one: a closing turn's FINAL goes out before it.
                            int bucket = bucketOf(snapshots.get(snapshots.size() - 1).getLineCount());
                            lines[bucket]++;
                            long turnBytes = 0;
                            for (SpeakerTurn turn : snapshots) {
                                turnBytes += turn.toByteBuffer().remaining();
                            }
                            bytes.computeIfAbsent(topics.callTurns().name(), k -> new long[BUCKETS.length])[bucket]
                                    += turnBytes;
                            drain(driver, raw, topics, bucket, bytes);
                        }
                    }
                }
            }
        } finally {
            FileTrees.deleteQuietly(stateDir);
        }
        print(lines, bytes);
    }

    /** Reads every topic the driver wrote (but call-turns, read decoded), charging its bytes to {@code bucket}. */
    private static void drain(TopologyTestDriver driver, Map<String, TestOutputTopic<byte[], byte[]>> raw,
                              CallTopics topics, Integer bucket, Map<String, long[]> bytes) {
        for (String topic : driver.producedTopicNames()) {
            if (topic.equals(topics.callTurns().name())) {
                continue;
            }
            long sum = 0;
            for (TestRecord<byte[], byte[]> r : raw.computeIfAbsent(topic, t -> driver.createOutputTopic(t,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())).readRecordsToList()) {
                sum += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            }
            if (bucket != null) {
                bytes.computeIfAbsent(topic, k -> new long[BUCKETS.length])[bucket] += sum;
            }
        }
    }

    private static int bucketOf(int placeInTurn) {
        int b = 0;
        while (placeInTurn > BUCKETS[b]) {
            b++;
        }
        return b;
    }

    private static void print(long[] lines, Map<String, long[]> bytes) {
        System.out.printf("%nbytes written per line read, by the line's place in its turn (the shared corpus, one file"
                + " per call; changelogs and outputs, key + value as serialized)%n");
        StringBuilder header = new StringBuilder(String.format("%-10s %7s", "place", "lines"));
        bytes.keySet().forEach(topic -> header.append(String.format(" %12s", shorten(topic))));
        header.append(String.format(" %12s %12s", "changelogs", "all"));
        System.out.println(header);
        int from = 1;
        for (int b = 0; b < BUCKETS.length; b++) {
            String place = BUCKETS[b] == Integer.MAX_VALUE ? from + "+" : from == BUCKETS[b] ? "" + from
                    : from + "-" + BUCKETS[b];
            from = BUCKETS[b] + 1;
            if (lines[b] == 0) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s %7d", place, lines[b]));
            long changelogs = 0;
            long all = 0;
            for (Map.Entry<String, long[]> topic : bytes.entrySet()) {
                long sum = topic.getValue()[b];
                row.append(String.format(Locale.ROOT, " %12.0f", sum / (double) lines[b]));
                all += sum;
                if (topic.getKey().endsWith("-changelog")) {
                    changelogs += sum;
                }
            }
            row.append(String.format(Locale.ROOT, " %12.0f %12.0f", changelogs / (double) lines[b],
                    all / (double) lines[b]));
            System.out.println(row);
        }
        System.out.println("(columns: the output topics and each store's changelog, named without the application id)");
    }

    private static String shorten(String topic) {
        String name = topic.replace(EnrichSettings.DEFAULT_APPLICATION_ID + "-", "").replace("-changelog", "");
        return name.length() > 12 ? name.substring(0, 12) : name;
    }
}
