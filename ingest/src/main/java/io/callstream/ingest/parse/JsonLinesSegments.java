package io.callstream.ingest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments as JSON Lines: one object a line, with the field names of the TSV header. Numbers may come as JSON
 * numbers or as strings; they are read as decimals, so a time is rounded once, to the millisecond.
 */
final class JsonLinesSegments {

    /** The fields of the project's canonical call-event JSON Lines, which are not segments. */
    private static final List<String> CALL_EVENT_FIELDS = List.of("callId", "payload");

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Whether {@code line} is a segment object: it has start_s and text, and none of a call event's fields. */
    boolean isSegment(String line) {
        String candidate = line.strip();
        if (!candidate.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = mapper.readTree(candidate);
            return node.isObject() && node.has(SegmentRow.START_S) && node.has(SegmentRow.TEXT)
                    && CALL_EVENT_FIELDS.stream().noneMatch(node::has);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    List<SegmentRow> rows(String text) {
        String[] lines = LineBreaks.split(text);
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(SegmentRow.of(i + 1, fields(i + 1, lines[i])));
            }
        }
        return rows;
    }

    private Map<String, String> fields(int lineNumber, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage()
                    + "); each line must be one JSON object", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("line " + lineNumber + ": not a JSON object; each line must be one"
                    + " object with " + String.join(", ", SegmentRow.REQUIRED));
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw new IllegalArgumentException("line " + lineNumber + ": field '" + field.getKey() + "' holds "
                        + (value.isArray() ? "an array" : "an object") + "; give a string or a number");
            }
            if (!value.isNull()) {
                fields.put(field.getKey(), value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
            }
        }
        return fields;
    }
}
