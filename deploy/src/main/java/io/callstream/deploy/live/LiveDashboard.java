package io.callstream.deploy.live;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.callstream.dashboard.DashboardConfig;
import io.callstream.dashboard.DashboardServer;
import io.callstream.dashboard.Health;
import io.callstream.dashboard.LiveCalls;
import io.callstream.dashboard.LiveFeed;
import io.callstream.dashboard.monitor.BrokerHealth;
import io.callstream.dashboard.monitor.ConsumerLag;
import io.callstream.dashboard.monitor.EnrichGroupHealth;
import io.callstream.dashboard.monitor.HealthCheck;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.dashboard.monitor.MonitoringEndpoints;
import io.callstream.dashboard.monitor.PipelineFeed;
import io.callstream.deploy.monitor.SinkHealthCheck;
import io.callstream.deploy.monitor.StreamsHealth;
import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.sink.SinkHealth;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The dashboard as a process runs it: the live feed folding the pipeline's topics into {@link LiveCalls}, the
 * HTTP server (page, API, event streams), and beside it the metrics (Prometheus text at /metrics) and the health
 * checks of whatever parts this process runs. {@code serve} runs it alone; {@code demo} with its enrich and sink.
 */
public final class LiveDashboard implements AutoCloseable {

    /**
     * The parts of the pipeline running in this process, each optional (null): their metrics and health join the
     * dashboard's.
     *
     * @param enrich          the enrich application, with what stopped it, if it did
     * @param enrichGroup     enrich's application id: its group's lag on call-events is reported and, when enrich
     *                        runs elsewhere ({@code enrich} null), readiness needs the group to have members
     * @param sinkHealth      the store sink's health
     * @param sinkPositions   the store sink's positions, for its lag
     */
    public record Parts(KafkaStreams enrich, Supplier<Throwable> enrichFailure, String enrichGroup,
                        Supplier<SinkHealth> sinkHealth, Supplier<Map<TopicPartition, Long>> sinkPositions) {

        public static Parts none() {
            return new Parts(null, () -> null, null, null, null);
        }
    }

    private final LiveFeed feed;
    private final Monitoring monitoring;
    private final DashboardServer server;
    private final List<Thread> threads = new ArrayList<>();
    /** The feed this dashboard made and closes; null where the caller shares its own. */
    private final TopicFanOut ownedFeed;

    private LiveDashboard(LiveFeed feed, Monitoring monitoring, DashboardServer server, TopicFanOut ownedFeed) {
        this.feed = feed;
        this.ownedFeed = ownedFeed;
        this.monitoring = monitoring;
        this.server = server;
    }

    /**
     * Starts reading and serving.
     *
     * @param countFrom where the pipeline's counters start: the whole history for a run on fresh topics (the demo),
     *                  the end for a long-running server, so that counters count from its start as Prometheus expects
     */
    public static LiveDashboard start(Map<String, String> clients, CallTopics topics, Admin admin,
                                      DashboardConfig config, TopicFollower.Start countFrom, Parts parts) {
        TopicFanOut feed = new TopicFanOut(clients, "dashboard-feed");
        try {
            LiveDashboard dashboard = open(feed, true, topics, admin, config, countFrom, parts);
            dashboard.run(feed, "callstream-dashboard-feed");
            return dashboard;
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    /**
     * As {@link #start(Map, CallTopics, Admin, DashboardConfig, TopicFollower.Start, Parts)}, the dashboard's feed
     * and the monitor joining {@code feed}, which the caller shares with its own readers, runs once this returns and
     * closes after this dashboard: the process reads each topic once. Finds the feed's partitions, so what is
     * written from then on is counted live.
     */
    public static LiveDashboard start(TopicFanOut feed, CallTopics topics, Admin admin, DashboardConfig config,
                                      TopicFollower.Start countFrom, Parts parts) {
        return open(feed, false, topics, admin, config, countFrom, parts);
    }

    private static LiveDashboard open(TopicFanOut feed, boolean owned, CallTopics topics, Admin admin,
                                      DashboardConfig config, TopicFollower.Start countFrom, Parts parts) {
        Monitoring monitoring = new Monitoring();
        HealthChecks checks = HealthChecks.none().withReadiness("broker", new BrokerHealth(admin));
        List<ConsumerLag.Source> lags = new ArrayList<>();
        if (parts.enrich() != null) {
            monitoring.bind(new KafkaStreamsMetrics(parts.enrich()));
            checks = checks.withBoth("enrich", new StreamsHealth(parts.enrich(), parts.enrichFailure()));
        }
        if (parts.enrich() == null && parts.enrichGroup() != null) {
            // Enrich runs in another process: its group having members is the sign of life this one can see.
            checks = checks.withReadiness("enrich", new EnrichGroupHealth(admin, parts.enrichGroup()));
        }
        if (parts.enrichGroup() != null) {
            lags.add(new ConsumerLag.CommittedOffsets(parts.enrichGroup(), List.of(topics.names().callEvents())));
        }
        if (parts.sinkHealth() != null) {
            checks = checks.withReadiness("store", new SinkHealthCheck(parts.sinkHealth()));
        }
        if (parts.sinkPositions() != null) {
            lags.add(new ConsumerLag.Positions("callstream-sink", parts.sinkPositions()));
        }
        if (!lags.isEmpty()) {
            monitoring.bind(new ConsumerLag(admin, lags));
        }
        LiveCalls calls = new LiveCalls(config.maxCalls());
        LiveFeed live = new LiveFeed(feed, topics, calls, record -> { });
        HealthChecks all = checks.withReadiness("dashboard feed", asCheck(live::readiness));
        new PipelineFeed(feed, topics, monitoring.pipeline(), countFrom); // the feed holds it
        PipelineFeed.requireTopics(topics, feed.findPartitions());
        DashboardServer server = DashboardServer.start(config, calls, MonitoringEndpoints.hooks(monitoring, all));
        return new LiveDashboard(live, monitoring, server, owned ? feed : null);
    }

    private static HealthCheck asCheck(Supplier<Health> health) {
        return () -> {
            Health h = health.get();
            return new HealthCheck.Result(h.up(), String.join("; ", h.details().values()));
        };
    }

    private void run(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    /** The page's address with the token, as printed for the user. */
    public URI url() {
        return server.url();
    }

    public DashboardServer server() {
        return server;
    }

    public LiveFeed feed() {
        return feed;
    }

    /** Why a reader stopped on its own, if one did. */
    public Throwable failure() {
        return feed.failure();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        if (ownedFeed != null) {
            ownedFeed.close();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        monitoring.close();
    }
}
