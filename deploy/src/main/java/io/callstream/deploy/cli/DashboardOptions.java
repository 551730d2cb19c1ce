package io.callstream.deploy.cli;

import java.time.Duration;

import io.callstream.dashboard.DashboardConfig;
import io.callstream.schemas.http.HttpServerLimits;
import picocli.CommandLine.Option;

/**
 * {@code --port}, {@code --host}, {@code --token}, {@code --request-timeout} and {@code --max-connections} of the
 * live dashboard, shared by serve and demo.
 */
final class DashboardOptions {

    static final String TOKEN_VARIABLE = "CALLSTREAM_TOKEN";

    @Option(names = "--port", defaultValue = "${env:CALLSTREAM_PORT:-8090}", paramLabel = "N",
            description = "Dashboard port (or CALLSTREAM_PORT; default 8090; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = DashboardConfig.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "Address the dashboard listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for the page and the API (or CALLSTREAM_TOKEN; default: a random one, printed "
                    + "in the URL).")
    String token;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            defaultValue = "" + HttpServerLimits.DEFAULT_REQUEST_TIMEOUT_SECONDS,
            description = "Time a dashboard request may take to arrive before its connection is closed; event streams"
                    + " stay open (default: ${DEFAULT-VALUE}).")
    long requestTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + HttpServerLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Dashboard connections served at once, each on a thread; more are closed at once"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    DashboardConfig config() {
        String chosen = token != null ? token : System.getenv(TOKEN_VARIABLE);
        if (chosen == null || chosen.isBlank()) {
            chosen = DashboardConfig.randomToken();
        }
        DashboardConfig config = DashboardConfig.defaults(chosen).withHost(host).withPort(port);
        return config.withLimits(config.limits().withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                .withMaxConnections(maxConnections));
    }
}
