package io.callstream.schemas.json;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.avro.Alert;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;

/**
 * An alert as the JSON object webhook receivers get: fields in a fixed order, enums as their names, times as
 * ISO-8601 instants, absent values as null. Built field by field rather than from the Avro schema so that a schema
 * change is a deliberate change to the webhook contract too.
 */
public final class AlertJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {
    }

    /** The UTF-8 bytes that are sent and signed. */
    public static byte[] toBytes(Alert alert) {
        try {
            return JSON.writeValueAsBytes(toTree(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write alert " + alert.getAlertId() + " as JSON", e);
        }
    }

    public static ObjectNode toTree(Alert alert) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alertId", alert.getAlertId());
        o.put("callId", alert.getCallId());
        o.put("ruleId", alert.getRuleId());
        o.put("rulesId", alert.getRulesId());
        o.put("ruleVersion", alert.getRuleVersion());
        o.put("severity", alert.getSeverity().name());
        o.put("title", alert.getTitle());
        o.put("turnIndex", alert.getTurnIndex());
        o.put("turnVersion", alert.getTurnVersion());
        o.put("turnStatus", alert.getTurnStatus().name());
        Speaker s = alert.getSpeaker();
        ObjectNode speaker = o.putObject("speaker");
        speaker.put("label", s.getLabel());
        speaker.put("name", s.getName());
        speaker.put("affiliation", s.getAffiliation());
        speaker.put("role", s.getRole().name());
        o.put("section", alert.getSection().name());
        ArrayNode topics = o.putArray("topicIds");
        alert.getTopicIds().forEach(topics::add);
        ArrayNode evidence = o.putArray("evidence");
        for (Span span : alert.getEvidence()) {
            evidence.addObject().put("start", span.getStart()).put("end", span.getEnd()).put("text", span.getText());
        }
        o.put("excerpt", alert.getExcerpt());
        o.put("callOffsetMs", alert.getCallOffsetMs());
        o.put("knownAtSeq", alert.getKnownAtSeq());
        o.put("observedAt", iso(alert.getObservedAt()));
        o.put("emittedAt", iso(alert.getEmittedAt()));
        return o;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
