package io.callstream.dashboard;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.avro.Alert;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;
import io.callstream.schemas.json.AlertJson;

/**
 * The dashboard's JSON: each item the same in the REST API and in the event streams, fields in a fixed order, enums
 * as their names, absent values as null. Built field by field so that a schema change is a deliberate change to the
 * API (and to {@code openapi.json}). Text is untrusted (it is what was said on a call): Jackson escapes it for JSON,
 * and the page must insert it as text, never as HTML.
 */
final class LiveJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private LiveJson() {
    }

    static ObjectNode call(CallSummary c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("callId", c.callId());
        o.put("company", c.company());
        o.put("ticker", c.ticker());
        o.put("fiscalPeriod", c.fiscalPeriod());
        o.put("title", c.title());
        o.put("startedAt", c.startedAt() == null ? null : c.startedAt().toString());
        o.put("live", c.live());
        o.put("lines", c.lines());
        o.put("turns", c.turns());
        o.put("alerts", c.alerts());
        o.put("exchanges", c.exchanges());
        o.put("lastOffsetMs", c.lastOffsetMs());
        return o;
    }

    static ObjectNode turn(EnrichedTurn enriched) {
        SpeakerTurn t = enriched.getTurn();
        ObjectNode o = JSON.createObjectNode();
        o.put("turnIndex", t.getTurnIndex());
        o.put("version", t.getVersion());
        o.put("status", t.getStatus().name());
        o.set("speaker", speaker(t.getSpeaker()));
        o.put("section", t.getSection().name());
        o.put("text", t.getText());
        o.put("startOffsetMs", t.getStartOffsetMs());
        o.put("endOffsetMs", t.getEndOffsetMs());
        ArrayNode topics = o.putArray("topics");
        for (TopicTag tag : enriched.getTopics()) {
            ObjectNode topic = topics.addObject();
            topic.put("topicId", tag.getTopicId());
            topic.put("label", tag.getLabel());
            topic.set("evidence", spans(tag.getEvidence()));
        }
        o.put("forwardLooking", enriched.getForwardLooking());
        o.put("exchangeId", enriched.getExchangeId());
        return o;
    }

    /** @param turns the call's latest turns by index, for the exchange's topics */
    static ObjectNode exchange(QaExchange q, Map<Integer, EnrichedTurn> turns) {
        ObjectNode o = JSON.createObjectNode();
        o.put("exchangeId", q.getExchangeId());
        o.put("exchangeIndex", q.getExchangeIndex());
        o.put("version", q.getVersion());
        o.put("status", q.getStatus().name());
        o.set("analyst", speaker(q.getAnalyst()));
        o.set("questionTurns", ints(q.getQuestionTurns()));
        o.set("answerTurns", ints(q.getAnswerTurns()));
        ArrayNode answeredBy = o.putArray("answeredBy");
        // A name is only set when known for sure; the label is what the source called the speaker otherwise.
        q.getAnsweredBy().forEach(s -> answeredBy.add(s.getName() != null ? s.getName() : s.getLabel()));
        ArrayNode topics = o.putArray("topics");
        exchangeTopics(q, turns).forEach(topics::add);
        o.put("declined", q.getDeclined());
        o.put("declineText", q.getDeclineEvidence() == null ? null : q.getDeclineEvidence().getText());
        o.put("startOffsetMs", q.getStartOffsetMs());
        o.put("endOffsetMs", q.getEndOffsetMs());
        return o;
    }

    /** The topic ids of the exchange's question and answer turns as held now, in turn order, each once. */
    static Set<String> exchangeTopics(QaExchange q, Map<Integer, EnrichedTurn> turns) {
        Set<String> ids = new LinkedHashSet<>();
        for (List<Integer> part : List.of(q.getQuestionTurns(), q.getAnswerTurns())) {
            for (int index : part) {
                EnrichedTurn turn = turns.get(index);
                if (turn != null) {
                    turn.getTopics().forEach(tag -> ids.add(tag.getTopicId()));
                }
            }
        }
        return ids;
    }

    /** The webhook's alert JSON (one JSON form of an alert in the project): the dashboard's fields and a few more. */
    static ObjectNode alert(Alert alert) {
        return AlertJson.toTree(alert);
    }

    static ObjectNode timeline(Timeline timeline) {
        ObjectNode o = JSON.createObjectNode();
        o.put("minutes", timeline.minutes());
        ArrayNode topics = o.putArray("topics");
        for (Timeline.TopicCounts t : timeline.topics()) {
            ObjectNode topic = topics.addObject();
            topic.put("topicId", t.topicId());
            topic.put("label", t.label());
            topic.set("counts", ints(t.counts()));
        }
        return o;
    }

    static ObjectNode speaker(Speaker s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("label", s.getLabel());
        o.put("name", s.getName());
        o.put("affiliation", s.getAffiliation());
        o.put("role", s.getRole().name());
        return o;
    }

    static ArrayNode array(Collection<? extends JsonNode> items) {
        ArrayNode a = JSON.createArrayNode();
        a.addAll(items);
        return a;
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always writes", e);
        }
    }

    private static ArrayNode spans(List<Span> spans) {
        ArrayNode a = JSON.createArrayNode();
        for (Span s : spans) {
            a.addObject().put("start", s.getStart()).put("end", s.getEnd()).put("text", s.getText());
        }
        return a;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
