package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ChildJava;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.deploy.testing.SpeakerChanges;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code callstream enrich} as its own process beside {@code ingest file}, on a broker: every call of a folder of
 * real transcripts comes out as one FINAL turn per speaker change.
 */
@Tag("integration")
class EnrichCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void enrichAndIngestTogetherGiveOneFinalTurnPerSpeakerChangeForEveryCall() throws Exception {
        Path earnings22 = SharedCalls.dataDir().resolve("earnings22");
        assumeTrue(Files.isDirectory(earnings22), earnings22 + " is absent: no real calls to run");
        Path folder = threeCalls(earnings22);
        Map<String, Integer> expected = expectedTurns(folder);

        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
            Process enrich = new ProcessBuilder(ChildJava.callstream("enrich",
                    "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                    "--state-dir", dir.resolve("state").toString())).redirectErrorStream(true).start();
            StringBuilder enrichOutput = new StringBuilder();
            Thread drain = new Thread(() -> new BufferedReader(new InputStreamReader(enrich.getInputStream(),
                    StandardCharsets.UTF_8)).lines().forEach(l -> enrichOutput.append(l).append('\n')), "enrich-output");
            drain.setDaemon(true);
            drain.start();
            try {
                StringWriter err = new StringWriter();
                CommandLine ingest = CallstreamCommand.commandLine();
                ingest.setErr(new PrintWriter(err));
                int exit = ingest.execute("ingest", "file", folder.toString(), "--speed", "max",
                        "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
                assertThat(exit).as(err.toString()).isZero();

                // The enrich process reports no progress of its own to wait on: its output topic is read.
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .failFast(() -> assertThat(enrich.isAlive()).as("enrich still running; its output:\n"
                                + enrichOutput).isTrue())
                        .untilAsserted(() -> assertThat(finalTurnsPerCall(TopicContents.readAll(stack.endpoints(),
                                TopicNames.defaults().callTurns(), SpeakerTurn.class)))
                                .as("FINAL turns per call").isEqualTo(expected));
            } finally {
                enrich.destroy();
                assertThat(enrich.waitFor(60, TimeUnit.SECONDS)).as("enrich stops on SIGTERM").isTrue();
            }
        }
    }

    /**
     * The three shortest calls of {@code earnings22}, each in both its renderings: the command's path, not the
     * corpus, is what this test is about (every call through the topology is
     * EveryCallGivesOneTurnPerSpeakerChangeTest's, and 30 calls through three enrich processes the torture suite's),
     * and the whole folder took a third of a minute of CPU here.
     */
    private Path threeCalls(Path earnings22) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("calls"));
        List<Path> shortest;
        try (Stream<Path> files = Files.list(earnings22)) {
            shortest = files.filter(f -> f.getFileName().toString().endsWith(".txt"))
                    .sorted(Comparator.comparingLong((Path f) -> f.toFile().length()).thenComparing(Path::toString))
                    .limit(3).toList();
        }
        for (Path txt : shortest) {
            String stem = txt.getFileName().toString().replaceFirst("\\.txt$", "");
            Files.copy(txt, folder.resolve(txt.getFileName()));
            Path segments = earnings22.resolve(stem + ".segments.tsv");
            if (Files.isRegularFile(segments)) {
                Files.copy(segments, folder.resolve(segments.getFileName()));
            }
        }
        return folder;
    }

    /** Turns counted from the parsed files alone: a new turn whenever the speaker label or the section changes. */
    private static Map<String, Integer> expectedTurns(Path folder) throws IOException {
        Map<String, Integer> turns = new TreeMap<>();
        for (Path file : InputFiles.expand(List.of(folder))) {
            for (LoadedCall call : SharedCalls.load(file)) {
                turns.put(call.callId(), SpeakerChanges.count(call.events()));
            }
        }
        return turns;
    }

    private static Map<String, Integer> finalTurnsPerCall(List<SpeakerTurn> turns) {
        Map<String, List<Integer>> indexes = new HashMap<>();
        for (SpeakerTurn t : turns) {
            if (t.getStatus() == Status.FINAL) {
                indexes.computeIfAbsent(t.getCallId(), id -> new ArrayList<>()).add(t.getTurnIndex());
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        indexes.forEach((call, list) -> counts.put(call, (int) list.stream().distinct().count()));
        return counts;
    }
}
