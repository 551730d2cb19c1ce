package io.callstream.ingest.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical JSON Lines: per-line results, strict UTF-8, blank lines, CRLF, a byte order mark, the length limit. */
class CanonicalJsonLinesTest {

    private static final Instant AT = Instant.parse("2017-02-22T22:31:05.123Z");

    private final CanonicalJsonLines lines = new CanonicalJsonLines();

    @Test
    void writesOneEventPerLineAndReadsThemBackInOrder() throws IOException {
        List<CallEvent> events = List.of(
                CanonicalJsonTest.line("c1", "c1-L0", 0, 0, "First."),
                CanonicalJsonTest.line("c1", "c1-L1", 1, 0, "Second,\nwith a line break inside."),
                ended("c1", 2));
        String text = lines.write(events);

        assertThat(text.lines()).hasSize(3);
        assertThat(text).endsWith("\n");
        assertThat(events(lines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))))
                .containsExactlyElementsOf(events);
        assertThat(events(lines.read(new StringReader(text)))).containsExactlyElementsOf(events);
    }

    @Test
    void goesOnPastABadLineAndNumbersLinesAsAnEditorDoes() throws IOException {
        String good = CanonicalJson.callEvents().write(ended("c1", 0));
        String text = "\n" + good + "\r\n{\"callId\":1}\r\n   \n" + good;

        List<LineResult> results = lines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(results).extracting(LineResult::lineNumber).containsExactly(2, 3, 5);
        assertThat(results.get(0)).isInstanceOf(LineResult.Event.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(LineResult.Refused.class, refused -> {
            assertThat(refused.reason()).startsWith("callId: expected a string, got the number 1");
            assertThat(new String(refused.raw(), StandardCharsets.UTF_8)).isEqualTo("{\"callId\":1}");
        });
        assertThat(results.get(2)).isInstanceOf(LineResult.Event.class);
        assertThat(lines.read(new StringReader(text))).extracting(LineResult::lineNumber).containsExactly(2, 3, 5);
    }

    @Test
    void refusesALineThatIsNotUtf8WithoutReplacingAnything() throws IOException {
        String good = CanonicalJson.callEvents().write(ended("c1", 0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((good + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bad = "{\"callId\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1); // é as Latin-1: 0xE9
        bytes.writeBytes(bad);
        bytes.writeBytes(("\n" + good + "\n").getBytes(StandardCharsets.UTF_8));

        List<LineResult> results = lines.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(results).hasSize(3);
        assertThat(results.get(1)).isInstanceOfSatisfying(LineResult.Refused.class, refused -> {
            assertThat(refused.lineNumber()).isEqualTo(2);
            assertThat(refused.reason()).isEqualTo("not valid UTF-8 (malformed byte at offset 14 of the line);"
                    + " send the text encoded as UTF-8.");
            assertThat(refused.raw()).isEqualTo(bad);
        });
        assertThat(results.get(2)).isInstanceOf(LineResult.Event.class);
    }

    @Test
    void refusesOverlongEncodingsAndEncodedSurrogates() {
        byte[] overlongSlash = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertThat(Utf8Lines.decode(1, overlongSlash).problem()).startsWith("not valid UTF-8");
        assertThat(Utf8Lines.decode(1, encodedSurrogate).problem()).startsWith("not valid UTF-8");
    }

    @Test
    void refusesALoneSurrogateInText() throws IOException {
        String good = CanonicalJson.callEvents().write(ended("c1", 0));
        List<LineResult> results = lines.read(new StringReader(good + "\n{\"callId\":\"\uD83D\"}\n"));

        assertThat(results.get(1)).isInstanceOfSatisfying(LineResult.Refused.class, refused ->
                assertThat(refused.reason()).contains("lone UTF-16 surrogate"));
    }

    @Test
    void skipsAByteOrderMarkBeforeTheFirstLine() throws IOException {
        String good = CanonicalJson.callEvents().write(ended("c1", 0));
        assertThat(lines.read(new ByteArrayInputStream(("\uFEFF" + good).getBytes(StandardCharsets.UTF_8))))
                .singleElement().isInstanceOf(LineResult.Event.class);
        assertThat(lines.read(new StringReader("\uFEFF" + good))).singleElement().isInstanceOf(LineResult.Event.class);
    }

    @Test
    void refusesALineOverTheLimitAndKeepsOnlyItsStart() throws IOException {
        CanonicalJsonLines small = new CanonicalJsonLines(64);
        String longLine = "x".repeat(100_000);
        byte[] text = (longLine + "\r\n" + "y".repeat(64) + "\r\n").getBytes(StandardCharsets.UTF_8);

        List<LineResult> results = small.read(new ByteArrayInputStream(text));

        assertThat(results.get(0)).isInstanceOfSatisfying(LineResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo("line is longer than the limit of 64 bytes (100000 bytes);"
                    + " split it or raise the limit.");
            assertThat(refused.raw()).hasSize(64);
        });
        // Exactly at the limit (its CR not counted) is read, and refused only for not being JSON.
        assertThat(results.get(1)).isInstanceOfSatisfying(LineResult.Refused.class, refused ->
                assertThat(refused.reason()).startsWith("not valid JSON"));
    }

    @Test
    void aRefusedLineKeepsItsCallIdWhereItCouldBeRead() throws IOException {
        List<LineResult> results = lines.read(new StringReader("{\"callId\":\"c9\",\"callOffsetMs\":0}\n"
                + "{\"callId\":9}\n{\"callId\":\"c9\""));
        assertThat(results).extracting(r -> ((LineResult.Refused) r).callId()).containsExactly("c9", null, null);
    }

    @Test
    void detectsCanonicalJsonLinesFromTheirFirstLine() {
        String good = CanonicalJson.callEvents().write(ended("c1", 0));
        assertThat(CanonicalJsonLines.detect("\n\uFEFF" + good.substring(0, 20))).isFalse();
        assertThat(CanonicalJsonLines.detect("\uFEFF" + good.substring(0, 20))).isTrue();
        assertThat(CanonicalJsonLines.detect("\n  " + good + "\n" + good)).isTrue();
        assertThat(CanonicalJsonLines.detect("Tesla, Inc. (TSLA) Q4 2016 Earnings Call\n{\"callId\"")).isFalse();
        assertThat(CanonicalJsonLines.detect("{\"start\": 0.5, \"text\": \"Hello\"}")).isFalse();
        assertThat(CanonicalJsonLines.detect("")).isFalse();
    }

    private static CallEvent ended(String callId, long lineCount) {
        return CanonicalJsonTest.event(callId, AT, CallEnded.newBuilder().setLineCount(lineCount).build());
    }

    private static List<CallEvent> events(List<LineResult> results) {
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(LineResult.Event.class));
        return results.stream().map(r -> ((LineResult.Event) r).event()).toList();
    }
}
