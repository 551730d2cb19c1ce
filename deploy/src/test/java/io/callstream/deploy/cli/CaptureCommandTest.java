package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.AcmeCall;
import io.callstream.deploy.testing.CallOutputs;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callstream capture} and {@code callstream replay} as a user runs them, against the embedded broker: a call
 * read back off call-events is exactly what was ingested, and plays again exactly.
 */
@Tag("integration")
class CaptureCommandTest {

    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }


    private static String[] on(EmbeddedStack target, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", target.bootstrapServers(),
                "--schema-registry-url", target.schemaRegistryUrl()));
        return all.toArray(String[]::new);
    }

    @Test
    void aCapturedCallHoldsExactlyTheEventsIngestedAndEnrichesAsTheOriginal() throws Exception {
        Path tesla = Files.writeString(dir.resolve("tesla-2016-q4.txt"), TeslaSample.text());
        Path acme = Files.writeString(dir.resolve("acme-q3.txt"), AcmeCall.TIMED_TEXT);
        assertThat(CliRun.of(on(stack, "ingest", "file", tesla.toString(), "--speed", "max")).exit()).isZero();
        // Another call on the topic at the same time, with PARTIAL revisions: each revision has its own observedAt.
        assertThat(CliRun.of(on(stack, "ingest", "file", acme.toString(), "--partials", "--speed", "max")).exit())
                .isZero();
        List<CallEvent> ingestedTesla = events(CliRun.of("ingest", "file", tesla.toString(), "--dry-run").out());
        List<CallEvent> ingestedAcme = events(CliRun.of("ingest", "file", acme.toString(), "--partials", "--dry-run")
                .out());

        Path teslaCapture = dir.resolve("captures/tesla.jsonl");
        CliRun captured = CliRun.of(on(stack, "capture", "--call", "tesla-2016-q4", "--out", teslaCapture.toString()));
        Path acmeCapture = dir.resolve("captures/acme.jsonl");
        CliRun capturedAcme = CliRun.of(on(stack, "capture", "--call", "acme-q3", "--out", acmeCapture.toString()));

        assertThat(captured.exit()).as(captured.err()).isZero();
        long lines = ingestedTesla.stream().filter(e -> e.getPayload() instanceof TranscriptLine).count();
        assertThat(captured.err()).contains("Captured " + ingestedTesla.size() + " events (" + lines + " lines) of call "
                + "tesla-2016-q4");
        assertThat(events(Files.readString(teslaCapture))).isEqualTo(ingestedTesla);
        assertThat(capturedAcme.exit()).as(capturedAcme.err()).isZero();
        assertThat(events(Files.readString(acmeCapture))).isEqualTo(ingestedAcme)
                .anySatisfy(e -> assertThat(e.getPayload()).isInstanceOfSatisfying(TranscriptLine.class,
                        line -> assertThat(line.getStatus()).isEqualTo(Status.PARTIAL)));
        // replay reads a capture as it is: the events it would publish are the captured ones.
        assertThat(events(CliRun.of("replay", teslaCapture.toString(), "--dry-run").out())).isEqualTo(ingestedTesla);

        CallOutputs original;
        CallOutputs fromCapture;
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            original = CallOutputs.of(enrich.run(ingestedTesla));
        }
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            fromCapture = CallOutputs.of(enrich.run(events(Files.readString(teslaCapture))));
        }
        assertThat(original.alerts()).isNotEmpty();
        assertThat(fromCapture).isEqualTo(original);
    }

    @Test
    void aCaptureReplayedOntoAnotherBrokerIsCapturedBackByteForByte() throws Exception {
        Path acme = Files.writeString(dir.resolve("acme-q3.txt"), AcmeCall.TIMED_TEXT);
        assertThat(CliRun.of(on(stack, "ingest", "file", acme.toString(), "--call-id", "acme-again", "--partials",
                "--speed", "max")).exit()).isZero();
        Path first = dir.resolve("first.jsonl");
        assertThat(CliRun.of(on(stack, "capture", "--call", "acme-again", "--out", first.toString())).exit()).isZero();

        Path second = dir.resolve("second.jsonl");
        try (EmbeddedStack fresh = EmbeddedStack.start()) {
            TopicCreator.ensure(fresh.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
            CliRun replay = CliRun.of(on(fresh, "replay", first.toString(), "--speed", "10"));
            assertThat(replay.exit()).as(replay.err()).isZero();
            assertThat(replay.err()).contains("Published 1 call(s), 4 lines");
            assertThat(CliRun.of(on(fresh, "capture", "--call", "acme-again", "--out", second.toString())).exit())
                    .isZero();
        }
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    }

    @Test
    void capturingACallTheTopicDoesNotHoldIsAnErrorThatSaysSo() {
        CliRun run = CliRun.of(on(stack, "capture", "--call", "no-such-call", "--out", dir.resolve("x.jsonl").toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("No events of call no-such-call in call-events");
        assertThat(dir.resolve("x.jsonl")).doesNotExist();
    }

    private static List<CallEvent> events(String canonicalJsonLines) throws Exception {
        List<CallEvent> events = new ArrayList<>();
        for (LineResult r : new CanonicalJsonLines().read(new StringReader(canonicalJsonLines))) {
            assertThat(r).isInstanceOf(LineResult.Event.class);
            events.add(((LineResult.Event) r).event());
        }
        return events;
    }
}
