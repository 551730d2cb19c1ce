package io.callstream.sink.export;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 has it: a header row, CRLF after every row, a field in double quotes when it holds a comma, a
 * quote, CR or LF, and a quote inside doubled. A null (or an empty list) is an empty field; an empty text is
 * {@code ""}, so the two stay apart.
 */
public final class CsvRowWriter implements RowWriter {

    private static final String CRLF = "\r\n";

    private final Writer out;

    public CsvRowWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void header(List<ExportColumn> columns) throws IOException {
        List<Object> names = new ArrayList<>(columns.size());
        columns.forEach(c -> names.add(c.name()));
        row(names);
    }

    @Override
    public void row(List<Object> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i)));
        }
        out.write(CRLF);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = text(value);
        if (text.isEmpty()) {
            return value instanceof String ? "\"\"" : "";
        }
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String text(Object value) {
        if (value instanceof JsonText json) {
            return json.json();
        }
        if (value instanceof Double d) {
            // 2000000000 rather than Java's 2.0E9, which a spreadsheet may take for text.
            return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : d.toString();
        }
        if (value instanceof List<?> list) {
            return String.join(";", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
