package io.callstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.schemas.limits.RecordLimits;
import org.junit.jupiter.api.Test;

/** What a file gives when some of its lines break the event text rule: the rest of the call, and those lines. */
class CallFileReaderTest {

    private static final String TIMED_TEXT = """
            Acme Corp Q3 earnings call

            Speaker 1
            (00:03) Good morning and welcome to the Acme third quarter call.

            Jane Roe
            (00:10) %s
            (00:20) We expect margins to improve by the end of this year.

            Speaker 1
            (00:31) Our first question comes from the line of John Doe with Big Bank.
            """;

    private final CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);

    private CallFileReader.Read read(String text, String name) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), name, "file:" + name, CallOverrides.NONE);
    }

    @Test
    void refusesAParagraphOverTheLineLimitByItsLineAndKeepsEveryOtherLineOfTheCall() {
        String paragraph = "And revenue grew again. ".repeat(25_000); // 600,000 characters
        CallFileReader.Read read = read(TIMED_TEXT.formatted(paragraph), "calls/acme.txt");

        assertThat(read.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.where()).isEqualTo("calls/acme.txt line 7");
            assertThat(refused.callId()).isEqualTo("acme");
            assertThat(refused.reason()).contains("text is 599999 bytes of UTF-8")
                    .contains("over the limit of " + RecordLimits.MAX_LINE_TEXT_BYTES).contains("split it");
            assertThat(new String(refused.raw(), StandardCharsets.UTF_8)).contains("\"seq\":1").contains(paragraph.strip());
        });
        List<CallEvent> events = read.calls().get(0).events();
        assertThat(events.get(0).getPayload()).isInstanceOf(CallStarted.class);
        assertThat(lines(events)).extracting(TranscriptLine::getSeq).containsExactly(0L, 2L, 3L);
        assertThat(events.get(events.size() - 1).getPayload()).isInstanceOf(CallEnded.class);
        assertThat(read.problems()).singleElement().asString().startsWith("calls/acme.txt line 7: text is");
    }

    @Test
    void takesAParagraphJustUnderTheLimit() {
        String paragraph = "x".repeat(RecordLimits.MAX_LINE_TEXT_BYTES);
        CallFileReader.Read read = read(TIMED_TEXT.formatted(paragraph), "acme.txt");

        assertThat(read.refused()).isEmpty();
        assertThat(lines(read.calls().get(0).events())).hasSize(4);
    }

    @Test
    void refusesAControlCharacterInAVendorTranscriptNamingTheLineItIsOn() {
        String text = TeslaSample.text().replace("Yes, sure. First, Elon,", "Yes, sure.\u0007 First, Elon,");
        CallFileReader.Read read = read(text, "tesla.txt");

        assertThat(read.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.where()).isEqualTo("tesla.txt line 7");
            assertThat(refused.reason()).startsWith("text holds the control character U+0007 at position 10");
        });
        assertThat(lines(read.calls().get(0).events())).hasSize(lines(TeslaSample.events()).size() - 1);
    }

    @Test
    void refusesAControlCharacterInASegmentsRowNamingItsRow() {
        String tsv = "start_s\tend_s\tspeaker_label\ttext\n"
                + "0.5\t2.0\tOperator\tGood day.\n"
                + "2.5\t4.0\tOperator\tWelcome\u001B[31m to the call.\n"
                + "4.5\t6.0\tJane Roe\tThank you.\n";
        CallFileReader.Read read = read(tsv, "acme.segments.tsv");

        assertThat(read.refused()).singleElement().extracting(RefusedLine::where).isEqualTo("acme.segments.tsv line 3");
        assertThat(lines(read.calls().get(0).events())).extracting(TranscriptLine::getText)
                .containsExactly("Good day.", "Thank you.");
    }

    @Test
    void refusesALineOfCanonicalInputWithANulWithItsBytesAndTakesMarkupAsText() {
        String nul = "{\"callId\":\"c1\",\"callOffsetMs\":1000,\"observedAt\":1000,\"payload\":{\"TranscriptLine\":"
                + "{\"lineId\":\"c1-L1\",\"seq\":1,\"text\":\"Hello\\u0000world\"}}}";
        String markup = "{\"callId\":\"c1\",\"callOffsetMs\":2000,\"observedAt\":2000,\"payload\":{\"TranscriptLine\":"
                + "{\"lineId\":\"c1-L2\",\"seq\":2,\"text\":\"<script>alert(1)</script> & more\"}}}";
        CallFileReader.Read read = read(nul + "\n" + markup + "\n", "capture.jsonl");

        assertThat(read.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.where()).isEqualTo("capture.jsonl line 1");
            assertThat(refused.callId()).isEqualTo("c1");
            assertThat(refused.reason()).contains("U+0000");
            assertThat(new String(refused.raw(), StandardCharsets.UTF_8)).isEqualTo(nul);
        });
        assertThat(lines(read.calls().get(0).events())).extracting(TranscriptLine::getText)
                .containsExactly("<script>alert(1)</script> & more");
    }

    private static List<TranscriptLine> lines(List<CallEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof TranscriptLine)
                .map(e -> (TranscriptLine) e.getPayload()).toList();
    }
}
