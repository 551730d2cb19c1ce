package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.callstream.deploy.live.LiveDashboard;
import io.callstream.enrich.EnrichSettings;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the live dashboard, its JSON API and metrics until Ctrl-C.",
                "Reads the pipeline's topics from the beginning: every call they hold, live ones as they are spoken.",
                "Page and /api/ need the token (printed in the URL); /metrics and /health/* do not.",
                "/health/ready is UP while the broker answers, the feed has caught up and enrich runs somewhere."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private DashboardOptions dashboard;

    @Option(names = "--enrich-application-id", defaultValue = EnrichSettings.DEFAULT_APPLICATION_ID, paramLabel = "ID",
            description = "The enrich application (its --application-id) whose lag on call-events /metrics reports, "
                    + "and which /health/ready needs running: its group must have members (default: ${DEFAULT-VALUE}).")
    private String enrichApplicationId;

    @Override
    public Integer call() throws Exception {
        Map<String, String> clients = kafka.clientProperties();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CallTopics topics = new CallTopics(TopicNames.defaults(), kafka.registryClient());
        LiveDashboard.Parts parts = new LiveDashboard.Parts(null, () -> null, enrichApplicationId, null, null);
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(clients))) {
            LiveDashboard live;
            try {
                live = LiveDashboard.start(clients, topics, admin, dashboard.config(), TopicFollower.Start.END, parts);
            } catch (java.io.UncheckedIOException e) {
                err.println("callstream serve: cannot listen on " + dashboard.host + ":" + dashboard.port + " ("
                        + e.getCause().getMessage() + "); choose another --port, or --port 0 for a free one.");
                err.flush();
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                closeQuietly(live);
                stopped.countDown();
            }, "callstream-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("dashboard: " + live.url());
            out.println("metrics:   " + live.server().baseUri().resolve("/metrics") + "   health: "
                    + live.server().baseUri().resolve("/health/ready"));
            out.println("Reading " + String.join(", ", topics.names().callEvents(), topics.names().enrichedTurns(),
                    topics.names().qa(), topics.names().alerts()) + " from "
                    + clients.get("bootstrap.servers") + ". Ctrl-C stops it.");
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // Run in-process (tests, embedding): an interrupt is this process's Ctrl-C.
                Runtime.getRuntime().removeShutdownHook(hook);
                closeQuietly(live);
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    private static void closeQuietly(LiveDashboard live) {
        try {
            live.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
