package io.callstream.sink.export;

import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The formats an export is written in. */
public enum ExportFormat {

    CSV(CsvRowWriter::new),
    JSONL(JsonLinesRowWriter::new);

    private final Function<Writer, RowWriter> writer;

    ExportFormat(Function<Writer, RowWriter> writer) {
        this.writer = writer;
    }

    public RowWriter writer(Writer out) {
        return writer.apply(out);
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat named(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no format '" + name + "'; choose one of "
                        + Arrays.stream(values()).map(ExportFormat::cliName).collect(Collectors.joining(", "))
                        + (name.strip().equalsIgnoreCase("parquet") ? " (Parquet is not offered: see --help)" : "")));
    }
}
