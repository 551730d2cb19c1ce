package io.callstream.sink.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvRowWriterTest {

    private static final List<ExportColumn> COLUMNS = List.of(ExportColumn.text("text"), ExportColumn.integer("n"),
            ExportColumn.decimal("value"), ExportColumn.bool("flag"), ExportColumn.json("evidence"),
            ExportColumn.list("topics"));

    private static String csv(List<Object> row) throws Exception {
        StringWriter out = new StringWriter();
        CsvRowWriter writer = new CsvRowWriter(out);
        writer.header(COLUMNS);
        writer.row(row);
        writer.finish();
        return out.toString();
    }

    @Test
    void quotesCommasDoubledQuotesAndLineBreaksRoundTrip() throws Exception {
        String text = "He said \"2,000 a week\",\r\nthen\nleft";

        String csv = csv(Arrays.asList(text, 7L, 2.0e9, true, new JsonText("[{\"start\":0,\"end\":3}]"),
                List.of("capex", "guidance")));

        assertThat(csv).startsWith("text,n,value,flag,evidence,topics\r\n")
                .contains("\"He said \"\"2,000 a week\"\",\r\nthen\nleft\"").endsWith("\r\n");
        assertThat(CsvRecords.parse(csv).get(1)).containsExactly(text, "7", "2000000000", "true",
                "[{\"start\":0,\"end\":3}]", "capex;guidance");
    }

    @Test
    void aNullIsAnEmptyFieldAndAnEmptyTextIsTwoQuotes() throws Exception {
        String csv = csv(Arrays.asList("", null, null, null, null, List.of()));

        assertThat(csv).endsWith("\r\n\"\",,,,,\r\n");
    }

    @Test
    void plainFieldsAreNotQuoted() throws Exception {
        String csv = csv(Arrays.asList("Elon Reeve Musk", 0L, 0.25, false, new JsonText("[]"), List.of("capex")));

        assertThat(csv).endsWith("\r\nElon Reeve Musk,0,0.25,false,[],capex\r\n");
    }
}
