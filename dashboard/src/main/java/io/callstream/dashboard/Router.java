package io.callstream.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its route: the token checked first (except on open routes), so that without it every path,
 * known or not, answers 401 alike; then 404 for an unknown path, 405 for a method other than GET.
 */
final class Router implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final TokenGate gate;

    Router(List<Route> routes, TokenGate gate) {
        this.routes = List.copyOf(routes);
        this.gate = gate;
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        QueryParams query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        Route route = null;
        Map<String, String> path = null;
        for (Route r : routes) {
            path = r.match(rawPath);
            if (path != null) {
                route = r;
                break;
            }
        }
        boolean answeredByHandler = false;
        try {
            if ((route == null || !route.open()) && !gate.admit(exchange, query)) {
                return;
            }
            if (route == null) {
                HttpAnswers.error(exchange, 404, "No such resource; the API is described at /api/openapi.json.");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                HttpAnswers.error(exchange, 405, "Only GET is allowed here.");
                return;
            }
            route.handler().handle(exchange, new Route.Request(path, query));
            answeredByHandler = true;
        } catch (IOException e) {
            // The client went away mid-answer; nothing to tell it.
            log.debug("Answering {} failed: {}", rawPath, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Answering {} failed", rawPath, e);
            try {
                HttpAnswers.error(exchange, 500, "Internal error: " + e.getClass().getSimpleName());
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be out; the connection is closed below.
            }
        } finally {
            // A handler that returned has answered (closing the exchange), or has taken the exchange to answer on a
            // thread of its own (an event stream), which closes it there.
            if (!answeredByHandler) {
                exchange.close();
            }
        }
    }
}
