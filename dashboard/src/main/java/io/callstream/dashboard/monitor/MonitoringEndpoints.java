package io.callstream.dashboard.monitor;

import io.callstream.dashboard.DashboardConfig;
import io.callstream.dashboard.DashboardHooks;
import io.callstream.dashboard.DashboardServer;
import io.callstream.dashboard.Health;

/**
 * A process's {@code /metrics} and {@code /health/*} as the dashboard's server answers them: the hooks that serve
 * {@link Monitoring} and {@link HealthChecks}, and, for a process with no dashboard (the store sink), that server
 * with those three routes alone.
 */
public final class MonitoringEndpoints {

    private MonitoringEndpoints() {
    }

    /** Serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on {@code host:port} (0: a free one). */
    public static DashboardServer start(String host, int port, Monitoring monitoring, HealthChecks checks) {
        // The monitoring routes are open; the server still wants a token, which guards nothing here.
        DashboardConfig config = DashboardConfig.defaults(DashboardConfig.randomToken()).withHost(host).withPort(port);
        return DashboardServer.startMonitoring(config, hooks(monitoring, checks));
    }

    /** The three routes' hooks; each check is also exported as a {@link HealthMetrics} gauge on {@code /metrics}. */
    public static DashboardHooks hooks(Monitoring monitoring, HealthChecks checks) {
        monitoring.bind(new HealthMetrics(checks));
        return DashboardHooks.none()
                .withMetrics(monitoring::scrape)
                .withLive(() -> health(checks.liveness()))
                .withReady(() -> health(checks.readiness()));
    }

    private static Health health(HealthReport report) {
        return report.up() ? Health.up(report.details()) : Health.down(report.details());
    }
}
