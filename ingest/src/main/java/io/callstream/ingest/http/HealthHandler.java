package io.callstream.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code GET /health}, public. 200 {@code UP} while Kafka takes what this server sends (or before anything was
 * sent); 503 {@code DOWN} with the reason while the last send failed, so a load balancer stops sending events
 * here that could not be acknowledged. Any other path answers 404.
 */
final class HealthHandler implements HttpHandler {

    static final String PATH = "/health";

    private final IngestProducer producer;

    HealthHandler(IngestProducer producer) {
        this.producer = producer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange).send(exchange);
        }
    }

    private JsonAnswer answer(HttpExchange exchange) {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            return JsonAnswer.error(404, "No such resource; events go to POST " + EventsHandler.PATH + ", health is"
                    + " GET " + PATH + ".");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return JsonAnswer.error(405, "Only GET is allowed on " + PATH + ".").withHeader("Allow", "GET");
        }
        String failure = producer.lastFailure();
        if (failure != null) {
            return JsonAnswer.of(503, JsonAnswer.object().put("status", "DOWN").put("reason", "the last send to"
                    + " Kafka failed: " + failure));
        }
        return JsonAnswer.of(200, JsonAnswer.object().put("status", "UP"));
    }
}
