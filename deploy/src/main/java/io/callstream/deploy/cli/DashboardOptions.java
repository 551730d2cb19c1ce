package io.callstream.deploy.cli;

import io.callstream.sink.live.DashboardConfig;
import picocli.CommandLine.Option;

/** {@code --port}, {@code --host} and {@code --token} of the live dashboard, shared by serve and demo. */
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

    DashboardConfig config() {
        String chosen = token != null ? token : System.getenv(TOKEN_VARIABLE);
        if (chosen == null || chosen.isBlank()) {
            chosen = DashboardConfig.randomToken();
        }
        return DashboardConfig.defaults(chosen).withHost(host).withPort(port);
    }
}
