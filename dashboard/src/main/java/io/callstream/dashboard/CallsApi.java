package io.callstream.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callstream.avro.EnrichedTurn;

/** The JSON API's reads of {@link LiveCalls}: the calls, and each call's turns, exchanges, alerts and timeline. */
final class CallsApi {

    private final LiveCalls calls;

    CallsApi(LiveCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /api/calls}: every call, newest first. */
    void list(HttpExchange exchange, Route.Request request) throws IOException {
        List<ObjectNode> items = calls.calls().stream().map(LiveJson::call).toList();
        HttpAnswers.json(exchange, 200, LiveJson.array(items));
    }

    /** {@code GET /api/calls/{callId}}. */
    void one(HttpExchange exchange, Route.Request request) throws IOException {
        Optional<CallView> view = view(exchange, request);
        if (view.isPresent()) {
            HttpAnswers.json(exchange, 200, LiveJson.call(view.get().summary()));
        }
    }

    /** {@code GET /api/calls/{callId}/turns[?fromMs=&toMs=]}: in turn order; the range keeps turns overlapping it. */
    void turns(HttpExchange exchange, Route.Request request) throws IOException {
        Long from = number(request, "fromMs", Long.MIN_VALUE);
        Long to = number(request, "toMs", Long.MAX_VALUE);
        if (from == null || to == null) {
            HttpAnswers.error(exchange, 400, "fromMs and toMs are call times in milliseconds (whole numbers).");
            return;
        }
        if (from > to) {
            HttpAnswers.error(exchange, 400, "fromMs must not be after toMs.");
            return;
        }
        Optional<CallView> view = view(exchange, request);
        if (view.isPresent()) {
            List<EnrichedTurn> turns = view.get().turnsBetween(from, to);
            HttpAnswers.json(exchange, 200, LiveJson.array(turns.stream().map(LiveJson::turn).toList()));
        }
    }

    /** {@code GET /api/calls/{callId}/exchanges}: by exchange index. */
    void exchanges(HttpExchange exchange, Route.Request request) throws IOException {
        Optional<CallView> view = view(exchange, request);
        if (view.isPresent()) {
            Map<Integer, EnrichedTurn> turns = view.get().turnsByIndex();
            HttpAnswers.json(exchange, 200, LiveJson.array(view.get().exchanges().stream()
                    .map(q -> LiveJson.exchange(q, turns)).toList()));
        }
    }

    /** {@code GET /api/calls/{callId}/alerts}: in call-time order. */
    void alerts(HttpExchange exchange, Route.Request request) throws IOException {
        Optional<CallView> view = view(exchange, request);
        if (view.isPresent()) {
            HttpAnswers.json(exchange, 200, LiveJson.array(view.get().alerts().stream().map(LiveJson::alert).toList()));
        }
    }

    /** {@code GET /api/calls/{callId}/timeline}. */
    void timeline(HttpExchange exchange, Route.Request request) throws IOException {
        Optional<CallView> view = view(exchange, request);
        if (view.isPresent()) {
            HttpAnswers.json(exchange, 200, LiveJson.timeline(view.get().timeline()));
        }
    }

    /** The call of the path, or empty after answering 404. */
    private Optional<CallView> view(HttpExchange exchange, Route.Request request) throws IOException {
        String callId = request.path("callId");
        Optional<CallView> view = calls.view(callId);
        if (view.isEmpty()) {
            HttpAnswers.error(exchange, 404, "No call " + callId + " (unknown, or forgotten to make room).");
        }
        return view;
    }

    /** The parameter as a number, {@code absent} without it, null if it is not a whole number. */
    private static Long number(Route.Request request, String name, long absent) {
        String text = request.query().first(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
