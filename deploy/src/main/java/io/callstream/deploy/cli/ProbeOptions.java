package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.callstream.dashboard.DashboardConfig;
import io.callstream.dashboard.DashboardServer;
import io.callstream.dashboard.monitor.BrokerHealth;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.dashboard.monitor.MonitoringEndpoints;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Option;

/**
 * {@code --port} and {@code --host} of a long-running stage with no dashboard of its own: where an orchestrator's
 * probes ({@code /health/live}, {@code /health/ready}) and Prometheus ({@code /metrics}) reach it.
 */
final class ProbeOptions {

    @Option(names = "--port", paramLabel = "N",
            description = "Serve /health/live, /health/ready and /metrics (Prometheus) on this port; 0 picks a free "
                    + "one (default: none, so that several instances on one host need no ports).")
    Integer port;

    @Option(names = "--host", defaultValue = DashboardConfig.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "Address --port listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
    String host;

    boolean enabled() {
        return port != null;
    }

    /**
     * Serves the endpoints with the broker's reachability added to readiness, and says where on {@code out}; null
     * without {@code --port}. Closing what it returns closes the server and the admin client the broker check uses.
     */
    Endpoints start(String stage, Map<String, String> clients, Monitoring monitoring, HealthChecks checks,
                    PrintWriter out) {
        if (!enabled()) {
            return null;
        }
        Admin admin = Admin.create(Map.<String, Object>copyOf(clients));
        try {
            DashboardServer server = MonitoringEndpoints.start(host, port, monitoring,
                    checks.withReadiness("broker", new BrokerHealth(admin)));
            URI base = server.baseUri();
            out.println(stage + ": health " + base.resolve("/health/ready") + "   metrics: " + base.resolve("/metrics"));
            out.flush();
            return new Endpoints(server, admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            // The socket's own words (address already in use), not the wrapper's.
            String why = e instanceof UncheckedIOException && e.getCause() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + why
                    + "); choose another --port, or --port 0 for a free one.", e);
        }
    }

    /** The server and the admin client behind its broker check. */
    record Endpoints(DashboardServer server, Admin admin) implements AutoCloseable {

        @Override
        public void close() {
            server.close();
            admin.close(Duration.ofSeconds(5));
        }
    }
}
