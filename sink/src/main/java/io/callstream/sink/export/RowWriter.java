package io.callstream.sink.export;

import java.io.IOException;
import java.util.List;

/**
 * Writes an export's rows in one format. Values arrive typed by their column: String, Long, Double, Boolean,
 * {@link JsonText}, a List of String for a list column, or null.
 */
public interface RowWriter {

    void header(List<ExportColumn> columns) throws IOException;

    void row(List<Object> values) throws IOException;

    /** Flushes what is buffered; the underlying writer stays open. */
    void finish() throws IOException;
}
