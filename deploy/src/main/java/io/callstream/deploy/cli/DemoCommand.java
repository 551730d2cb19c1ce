package io.callstream.deploy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callstream.avro.CallEvent;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallManifest;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.deploy.demo.DemoRun;
import io.callstream.deploy.demo.DemoSummary;
import io.callstream.enrich.EnrichOptions;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.ingest.publish.Pace;
import io.callstream.sink.webhook.WebhookEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay the bundled Tesla Q4 2016 call through the pipeline.",
                "Starts a Kafka broker, a schema registry and a SQLite store in this process, prints each turn as it "
                        + "is assembled and each question-answer exchange as it completes, then a summary."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--speed", defaultValue = "300", paramLabel = "X",
            description = "Replay speed: 1 is the call's own pace, 10 ten times faster, 'max' as fast as possible "
                    + "(default: ${DEFAULT-VALUE}, the 70-minute call in about 15 s).")
    private String speed;

    @Option(names = "--store", defaultValue = "callstream-demo.db", paramLabel = "FILE",
            description = "SQLite file the turns are written to; replaced on each run (default: ${DEFAULT-VALUE}).")
    private Path store;

    @Option(names = "--summary-json", paramLabel = "PATH",
            description = "Also write the summary as JSON (calls, lines, turns, turnsByRole, exchanges, alerts, "
                    + "topics, deadLetters, store, query, webhooks).")
    private Path summaryJson;

    @Option(names = "--quiet", description = "Do not print each turn, exchange and alert.")
    private boolean quiet;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Replay this transcript instead of the bundled call: any layout 'ingest file' reads.")
    private Path input;

    @Option(names = "--format", paramLabel = "NAME", description = "The layout of --input, where detection is not enough.")
    private String format;

    @Mixin
    private CallMetadataOptions metadata;

    @Mixin
    private EnrichFilesOptions enrichFiles;

    @Mixin
    private DashboardOptions dashboard;

    @Option(names = "--no-dashboard", description = "Run without the live dashboard (and its /metrics, /health).")
    private boolean noDashboard;

    @Mixin
    private WebhookOptions webhooks;

    /** Where the webhooks' secret is looked up; a test in this process cannot set a real environment variable. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        Pace pace = Pace.parse(speed);
        // Before anything starts: a bad taxonomy or rules file stops here, with its file and line.
        EnrichOptions enrichOptions = enrichFiles.load(EnrichOptions.defaultsWithoutLearnedTier());
        List<WebhookEndpoint> endpoints = webhooks.endpoints(environment);
        PrintStream out = System.out;
        out.println("Starting the embedded Kafka broker and schema registry...");
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            out.printf("Broker %s, registry %s. Replaying %s at %s.%n%n", stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), input == null ? "the Tesla Q4 2016 call" : input, pace);
            out.printf("%4s  %-9s %-28s %s%n", "TURN", "ROLE", "SPEAKER", "FIRST WORDS");
            DemoRun.Options options = new DemoRun.Options(calls(), pace, store, quiet ? null : out, enrichOptions)
                    .withWebhooks(endpoints)
                    .withDashboard(noDashboard ? null : dashboard.config(), new DemoRun.Listener() {
                        @Override
                        public void dashboardStarted(URI url) {
                            out.printf("Dashboard: %s%n  (the call forms there as it is replayed; metrics at /metrics, "
                                    + "health at /health/ready)%n%n", url);
                        }

                        @Override
                        public void finished(DemoSummary summary) throws InterruptedException {
                            printSummary(out, summary);
                            writeSummaryJson(summary);
                            // From a terminal the dashboard stays up to be looked at; scripts and CI go on.
                            if (!noDashboard && System.console() != null) {
                                out.println();
                                out.println("The dashboard stays up at the URL above; Ctrl-C stops the demo.");
                                new CountDownLatch(1).await();
                            }
                        }
                    });
            try {
                DemoRun.run(stack.endpoints(), options);
            } catch (java.io.UncheckedIOException e) {
                if (noDashboard || !String.valueOf(e.getMessage()).startsWith("Cannot listen")) {
                    throw e;
                }
                System.err.println("callstream demo: " + e.getMessage().replace("Pass port 0", "Pass --port 0")
                        + " Or --no-dashboard.");
                return 1;
            }
        }
        return 0;
    }

    private void writeSummaryJson(DemoSummary summary) {
        if (summaryJson == null) {
            return;
        }
        try {
            Files.writeString(summaryJson, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(summary) + System.lineSeparator());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + summaryJson, e);
        }
    }

    private List<List<CallEvent>> calls() throws IOException {
        if (input == null) {
            return List.of(TeslaSample.events());
        }
        CallFileReader.Read read = new CallFileReader(TranscriptFormats.all(), format)
                .read(Files.readAllBytes(input), input.toString(), "file:" + input.getFileName(),
                        CallManifest.overridesFor(input, metadata.overrides()));
        read.problems().forEach(problem -> System.err.println("callstream demo: skipped " + problem));
        return read.calls().stream().map(LoadedCall::events).toList();
    }

    private static void printSummary(PrintStream out, DemoSummary s) {
        out.println();
        s.calls().forEach(call -> out.printf("Call:            %s, %s (company from %s%s)%n", call.callId(),
                call.company(), call.companySource() == null ? "the source" : call.companySource(),
                call.ticker() == null ? "" : ", ticker " + call.ticker()));
        out.printf("Lines ingested:  %d%n", s.lines());
        out.printf("Turns assembled: %d (%s)%n", s.turns(), s.turnsByRole().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().toLowerCase()).reduce((a, b) -> a + ", " + b).orElse("none"));
        out.printf("Exchanges:       %d%n", s.exchanges());
        out.printf("Alerts:          %d%s%n", s.alerts().size(), s.alerts().isEmpty() ? "" : " (" + s.alerts().stream()
                .map(DemoSummary.AlertLine::ruleId).distinct().reduce((a, b) -> a + ", " + b).orElse("") + ")");
        out.printf("Topics:          %s%n", s.topics().isEmpty() ? "none" : s.topics().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""));
        out.printf("Dead letters:    %d%n", s.deadLetters());
        s.webhooks().forEach(w -> out.printf("Webhook:         %s: %d alerts delivered, %d retries, %d dead letters%n",
                w.url(), w.delivered(), w.retried(), w.deadLettered()));
        out.printf("Store:           %s%n", s.store());
        out.printf("Try (any SQLite client, e.g. sqlite3 %s):%n  %s%n", s.store().replaceFirst("^jdbc:sqlite:", ""), s.query());
    }
}
