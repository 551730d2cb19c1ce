package io.callstream.sink.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON object a line, its keys the column names in order, its values typed: numbers as numbers, booleans as
 * booleans, a JSON column nested as the JSON it holds, a list column as an array, a null as null.
 */
public final class JsonLinesRowWriter implements RowWriter {

    private final Writer out;
    private final ObjectMapper json = new ObjectMapper();
    private List<ExportColumn> columns;

    public JsonLinesRowWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void header(List<ExportColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(List<Object> values) throws IOException {
        // A generator per line, not closed: closing it would close the writer under it.
        JsonGenerator line = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        line.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            line.writeFieldName(columns.get(i).name());
            write(line, values.get(i));
        }
        line.writeEndObject();
        line.flush();
        out.write('\n');
    }

    private void write(JsonGenerator line, Object value) throws IOException {
        if (value == null) {
            line.writeNull();
        } else if (value instanceof JsonText text) {
            line.writeTree(json.readTree(text.json()));
        } else if (value instanceof Long n) {
            line.writeNumber(n);
        } else if (value instanceof Double d) {
            line.writeNumber(d);
        } else if (value instanceof Boolean b) {
            line.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            line.writeStartArray();
            for (Object item : list) {
                line.writeString(String.valueOf(item));
            }
            line.writeEndArray();
        } else {
            line.writeString(value.toString());
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
