package io.callstream.deploy.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard API's JSON objects (call, turn, exchange, alert), as maps in the contract's field names, for the
 * fake API to send. Evidence spans are found in the turn's text, so their offsets are right by construction (Java
 * and JavaScript both count UTF-16 units).
 */
final class DashboardEvents {

    private DashboardEvents() {
    }

    static Map<String, Object> call(String callId, String company, String ticker, String fiscalPeriod, boolean live) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", callId);
        call.put("company", company);
        call.put("ticker", ticker);
        call.put("fiscalPeriod", fiscalPeriod);
        call.put("title", company + " " + fiscalPeriod + " earnings call");
        call.put("live", live);
        call.put("lines", 0);
        call.put("turns", 0);
        call.put("alerts", 0);
        call.put("exchanges", 0);
        call.put("lastOffsetMs", 0);
        return call;
    }

    static Map<String, Object> speaker(String name, String affiliation, String role) {
        Map<String, Object> speaker = new LinkedHashMap<>();
        speaker.put("label", name);
        speaker.put("name", name);
        speaker.put("affiliation", affiliation);
        speaker.put("role", role);
        return speaker;
    }

    /** A topic with one evidence span for each of the words given, at their first occurrence in the text. */
    static Map<String, Object> topic(String topicId, String label, String text, String... evidenceWords) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (String words : evidenceWords) {
            int start = text.indexOf(words);
            if (start < 0) {
                throw new IllegalArgumentException("'" + words + "' is not in: " + text);
            }
            evidence.add(span(start, start + words.length(), words));
        }
        Map<String, Object> topic = new LinkedHashMap<>();
        topic.put("topicId", topicId);
        topic.put("label", label);
        topic.put("evidence", evidence);
        return topic;
    }

    static Map<String, Object> span(int start, int end, String text) {
        return new LinkedHashMap<>(Map.of("start", start, "end", end, "text", text));
    }

    static TurnBuilder turn(int turnIndex) {
        return new TurnBuilder(turnIndex);
    }

    /** A turn snapshot; every setter returns the builder, {@link #json()} the contract's object. */
    static final class TurnBuilder {
        private final Map<String, Object> turn = new LinkedHashMap<>();

        private TurnBuilder(int turnIndex) {
            turn.put("turnIndex", turnIndex);
            turn.put("version", 1);
            turn.put("status", "FINAL");
            turn.put("speaker", DashboardEvents.speaker("Dana Whitfield", "Acme Corp.", "EXECUTIVE"));
            turn.put("section", "QUESTIONS_AND_ANSWERS");
            turn.put("text", "");
            turn.put("startOffsetMs", 0L);
            turn.put("endOffsetMs", 0L);
            turn.put("topics", List.of());
            turn.put("forwardLooking", false);
            turn.put("exchangeId", null);
        }

        TurnBuilder version(int version) {
            turn.put("version", version);
            return this;
        }

        TurnBuilder partial() {
            turn.put("status", "PARTIAL");
            return this;
        }

        TurnBuilder speaker(Map<String, Object> speaker) {
            turn.put("speaker", speaker);
            return this;
        }

        TurnBuilder section(String section) {
            turn.put("section", section);
            return this;
        }

        TurnBuilder text(String text) {
            turn.put("text", text);
            return this;
        }

        /** Call time of the turn's start and end, in seconds. */
        TurnBuilder at(double startSeconds, double endSeconds) {
            turn.put("startOffsetMs", Math.round(startSeconds * 1000));
            turn.put("endOffsetMs", Math.round(endSeconds * 1000));
            return this;
        }

        @SafeVarargs
        final TurnBuilder topics(Map<String, Object>... topics) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Map<String, Object> topic : topics) {
                list.add(topic);
            }
            turn.put("topics", list);
            return this;
        }

        TurnBuilder forwardLooking() {
            turn.put("forwardLooking", true);
            return this;
        }

        TurnBuilder exchange(String exchangeId) {
            turn.put("exchangeId", exchangeId);
            return this;
        }

        String text() {
            return (String) turn.get("text");
        }

        Map<String, Object> json() {
            return new LinkedHashMap<>(turn);
        }
    }

    static Map<String, Object> alert(String alertId, String severity, String title, int turnIndex, long callOffsetMs,
            long knownAtSeq, String excerpt, List<String> topicIds, Map<String, Object> speaker) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alertId", alertId);
        alert.put("ruleId", alertId.replaceAll(":.*", ""));
        alert.put("severity", severity);
        alert.put("title", title);
        alert.put("turnIndex", turnIndex);
        alert.put("turnStatus", "FINAL");
        alert.put("callOffsetMs", callOffsetMs);
        alert.put("knownAtSeq", knownAtSeq);
        alert.put("excerpt", excerpt);
        alert.put("evidence", List.of());
        alert.put("topicIds", topicIds);
        alert.put("speaker", speaker);
        alert.put("section", "QUESTIONS_AND_ANSWERS");
        return alert;
    }

    static Map<String, Object> exchange(String exchangeId, int exchangeIndex, Map<String, Object> analyst,
            List<Integer> questionTurns, List<Integer> answerTurns, List<String> answeredBy, List<String> topics,
            String declineText, double startSeconds, double endSeconds) {
        Map<String, Object> exchange = new LinkedHashMap<>();
        exchange.put("exchangeId", exchangeId);
        exchange.put("exchangeIndex", exchangeIndex);
        exchange.put("version", 1);
        exchange.put("status", "FINAL");
        exchange.put("analyst", analyst);
        exchange.put("questionTurns", questionTurns);
        exchange.put("answerTurns", answerTurns);
        exchange.put("answeredBy", answeredBy);
        exchange.put("topics", topics);
        exchange.put("declined", declineText != null);
        exchange.put("declineText", declineText);
        exchange.put("startOffsetMs", Math.round(startSeconds * 1000));
        exchange.put("endOffsetMs", Math.round(endSeconds * 1000));
        return exchange;
    }
}
