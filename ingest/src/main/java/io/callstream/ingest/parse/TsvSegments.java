package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments as tab-separated values: a header row naming the fields, then one sentence a row. Fields are not
 * quoted (Rev's files are not): a {@code "} is text, and a field can hold no tab or line break.
 */
final class TsvSegments {

    private TsvSegments() {
    }

    /** Whether {@code line} is a segments header row: tab-separated, naming at least start_s and text. */
    static boolean isHeader(String line) {
        List<String> columns = List.of(line.strip().split("\t", -1));
        return columns.size() > 1 && columns.contains(SegmentRow.START_S) && columns.contains(SegmentRow.TEXT);
    }

    static List<SegmentRow> rows(String text) {
        String[] lines = LineBreaks.split(text);
        int headerIndex = 0;
        while (headerIndex < lines.length && lines[headerIndex].isBlank()) {
            headerIndex++;
        }
        if (headerIndex == lines.length) {
            return List.of();
        }
        List<String> columns = columns(headerIndex + 1, lines[headerIndex]);
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = headerIndex + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] values = lines[i].split("\t", -1);
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + values.length + " tab-separated fields"
                        + " where the header (line " + (headerIndex + 1) + ") has " + columns.size()
                        + "; a field cannot hold a tab or a line break");
            }
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < values.length; c++) {
                fields.put(columns.get(c), values[c]);
            }
            rows.add(SegmentRow.of(i + 1, fields));
        }
        return rows;
    }

    private static List<String> columns(int lineNumber, String header) {
        List<String> columns = new ArrayList<>();
        for (String column : header.split("\t", -1)) {
            String name = column.strip();
            if (columns.contains(name)) {
                throw new IllegalArgumentException("line " + lineNumber + ": column '" + name + "' appears twice in"
                        + " the header; name each column once");
            }
            columns.add(name);
        }
        List<String> missing = SegmentRow.REQUIRED.stream().filter(name -> !columns.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("line " + lineNumber + ": the header has no " + String.join(", ", missing)
                    + " column; a segments TSV needs " + String.join(", ", SegmentRow.REQUIRED));
        }
        return columns;
    }
}
