package io.callstream.ingest.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rendering call events to canonical JSON Lines and reading them back gives the same events: every payload type,
 * nulls in every optional field, any Unicode text (quotes, backslashes, control characters, line and paragraph
 * separators, characters outside the BMP), every enum symbol, the whole range of numbers and of times.
 */
class CanonicalJsonLinesProperties {

    private final CanonicalJsonLines lines = new CanonicalJsonLines();
    private final CanonicalJson<CallEvent> json = CanonicalJson.callEvents();

    @Property(tries = 500)
    void eventsSurviveJsonLinesAsBytes(@ForAll("callEvents") List<CallEvent> events) throws IOException {
        String text = lines.write(events);

        List<LineResult> results = lines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(LineResult.Event.class));
        assertThat(results).extracting(r -> ((LineResult.Event) r).event()).containsExactlyElementsOf(events);
        assertThat(results).extracting(LineResult::lineNumber).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, events.size()).boxed().toList());
    }

    @Property(tries = 200)
    void eventsSurviveJsonLinesAsText(@ForAll("callEvents") List<CallEvent> events) throws IOException {
        List<LineResult> results = lines.read(new StringReader(lines.write(events)));

        assertThat(results).extracting(r -> ((LineResult.Event) r).event()).containsExactlyElementsOf(events);
    }

    @Property(tries = 500)
    void oneEventIsOneLineThatReadsBackEqual(@ForAll("callEvent") CallEvent event) throws Exception {
        String text = json.write(event);

        assertThat(text).doesNotContain("\n", "\r");
        assertThat(json.read(text)).isEqualTo(event);
    }

    @Provide
    Arbitrary<List<CallEvent>> callEvents() {
        return callEvent().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<CallEvent> callEvent() {
        return Combinators.combine(text(), Arbitraries.longs(), instants(), payloads())
                .as(CallEvent::new);
    }

    private Arbitrary<Object> payloads() {
        return Arbitraries.oneOf(callStarted(), transcriptLine(), speakerIdentified(), callEnded());
    }

    private Arbitrary<Object> callStarted() {
        return Combinators.combine(text(), optionalText(), optionalText(), instants().injectNull(0.3),
                        optionalText(), text(), optionalText())
                .as(CallStarted::new);
    }

    private Arbitrary<Object> transcriptLine() {
        return Combinators.combine(text(), Arbitraries.longs(), Arbitraries.integers(),
                        Arbitraries.of(Status.class), optionalText(), optionalText(), Arbitraries.of(Role.class),
                        Arbitraries.of(Section.class))
                .flatAs((lineId, seq, revision, status, label, affiliation, role, section) ->
                        Combinators.combine(text(), Arbitraries.longs().injectNull(0.3),
                                        Arbitraries.of(LineFlag.class).list().ofMaxSize(5))
                                .as((text, duration, flags) -> new TranscriptLine(lineId, seq, revision, status,
                                        label, affiliation, role, section, text, duration, flags)));
    }

    private Arbitrary<Object> speakerIdentified() {
        return Combinators.combine(text(), text(), optionalText(), Arbitraries.of(Role.class))
                .as(SpeakerIdentified::new);
    }

    private Arbitrary<Object> callEnded() {
        return Combinators.combine(Arbitraries.longs(), optionalText()).as(CallEnded::new);
    }

    /** Any instant a timestamp-millis can hold, from about 292 million years BC to AD. */
    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().map(Instant::ofEpochMilli);
    }

    private static Arbitrary<String> optionalText() {
        return text().injectNull(0.3);
    }

    /** Strings of whole code points (no lone surrogates: those are not text, and UTF-8 cannot carry them). */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((int) '"', (int) '\\', (int) '\n', (int) '\r', (int) '\t',
                        0x00, 0x1F, 0x7F, 0x2028, 0x2029, 0xFEFF, 0xFFFD)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(Character.MIN_SUPPLEMENTARY_CODE_POINT,
                        Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(30)
                .map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
    }
}
