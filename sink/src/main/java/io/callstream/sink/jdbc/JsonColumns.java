package io.callstream.sink.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Span;

/**
 * Lists held in one TEXT column as JSON, the same text in SQLite and PostgreSQL (no jsonb, so one set of SQL):
 * evidence spans, topic ids, turn indexes, names. Public for the benchmark that counts the rows the store writes.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    public static String spans(List<Span> spans) {
        List<Map<String, Object>> rows = new ArrayList<>(spans.size());
        for (Span s : spans) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", s.getStart());
            row.put("end", s.getEnd());
            row.put("text", s.getText());
            rows.add(row);
        }
        return write(rows);
    }

    public static String list(List<?> values) {
        return write(values);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lists of numbers and strings always serialize", e);
        }
    }
}
