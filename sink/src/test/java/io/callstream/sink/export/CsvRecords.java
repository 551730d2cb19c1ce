package io.callstream.sink.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader, written apart from the exporter so a test reads CSV the way a spreadsheet does: records
 * end with CRLF, a quoted field may hold commas, quotes (doubled) and line breaks, and anything else is an error.
 */
public final class CsvRecords {

    private CsvRecords() {
    }

    public static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i = quoted(csv, i + 1, field);
                if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("CR without LF at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("unquoted " + (c == '"' ? "quote" : "bare LF") + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return records;
    }

    /** Reads a quoted field's content from just after its opening quote; returns the index after its closing one. */
    private static int quoted(String csv, int from, StringBuilder field) {
        int i = from;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"') {
                if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                field.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("a quoted field from " + from + " is never closed");
    }
}
