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
import java.util.Optional;

import io.callstream.schemas.limits.EventText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Rendering call events to canonical JSON Lines and reading them back gives the same events: every payload type,
 * nulls in every optional field, any Unicode text (quotes, backslashes, control characters, line and paragraph
 * separators, characters outside the BMP), every enum symbol, the whole range of numbers and of times. Reading a
 * line also applies the text rule every source applies ({@link EventText}): an event whose text breaks it (a control
 * character but tab, line feed and carriage return) comes back refused, with the rule's reason and its call, and
 * the lines after it are read on. (Named {@code ...Test} so that Surefire runs it, which under its first name,
 * {@code CanonicalJsonLinesProperties}, it never did: it had not followed the text rule.)
 */
class CanonicalJsonLinesPropertyTest {

    private final CanonicalJsonLines lines = new CanonicalJsonLines();
    private final CanonicalJson<CallEvent> json = CanonicalJson.callEvents();

    @Property(tries = 500)
    void eventsSurviveJsonLinesAsBytesOrAreRefusedByTheTextRule(@ForAll("callEvents") List<CallEvent> events)
            throws IOException {
        String text = lines.write(events);

        assertReadBack(events, lines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        // Both sides of the rule are tried often: lists with a refused line, and lists read whole.
        Statistics.collect(events.stream().anyMatch(e -> EventText.problem(e).isPresent()) ? "refused" : "read");
        Statistics.coverage(coverage -> {
            coverage.check("refused").percentage(p -> p >= 10);
            coverage.check("read").percentage(p -> p >= 10);
        });
    }

    @Property(tries = 200)
    void eventsSurviveJsonLinesAsTextOrAreRefusedByTheTextRule(@ForAll("callEvents") List<CallEvent> events)
            throws IOException {
        assertReadBack(events, lines.read(new StringReader(lines.write(events))));
    }

    /** Line by line: the event itself where the text rule takes it, else a refusal with the rule's reason. */
    private static void assertReadBack(List<CallEvent> events, List<LineResult> results) {
        assertThat(results).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            CallEvent event = events.get(i);
            LineResult result = results.get(i);
            assertThat(result.lineNumber()).isEqualTo(i + 1);
            Optional<String> problem = EventText.problem(event);
            if (problem.isEmpty()) {
                assertThat(result).isInstanceOf(LineResult.Event.class);
                assertThat(((LineResult.Event) result).event()).isEqualTo(event);
            } else {
                assertThat(result).isInstanceOf(LineResult.Refused.class);
                LineResult.Refused refused = (LineResult.Refused) result;
                assertThat(refused.reason()).isEqualTo(problem.get());
                assertThat(refused.textRule()).isTrue();
                assertThat(refused.callId()).isEqualTo(event.getCallId());
            }
        }
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
