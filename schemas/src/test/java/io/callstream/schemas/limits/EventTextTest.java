package io.callstream.schemas.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import org.junit.jupiter.api.Test;

class EventTextTest {

    // Every field is set: a builder filling an enum default would need the generated classes trusted, a JVM-wide
    // setting that other tests of this module check is off.
    private static CallEvent line(String speaker, String text) {
        return CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(0).setObservedAt(Instant.EPOCH)
                .setPayload(TranscriptLine.newBuilder().setLineId("l0").setSeq(0).setRevision(0)
                        .setStatus(Status.FINAL).setSpeakerLabel(speaker).setAffiliation(null)
                        .setSpeakerRole(Role.UNKNOWN).setSection(Section.UNKNOWN).setText(text).setDurationMs(null)
                        .setFlags(List.of()).build())
                .build();
    }

    @Test
    void acceptsOrdinaryTextWithTabsNewlinesEmojiAndMarkup() {
        assertThat(EventText.problem(line("Elon Musk", "We'll ship\t5,000 a week.\r\n<b>Great</b> 🚗 ü € 中"))).isEmpty();
    }

    @Test
    void refusesNulInsideTheTextAndSaysWhere() {
        assertThat(EventText.problem(line("Elon", "cash\u0000burn")))
                .hasValueSatisfying(p -> assertThat(p).contains("text", "U+0000", "position 4"));
    }

    @Test
    void refusesControlCharactersInEveryTextField() {
        assertThat(EventText.problem(line("El\u0007on", "fine"))).hasValueSatisfying(p -> assertThat(p)
                .startsWith("speakerLabel").contains("U+0007"));
        CallEvent started = CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(0).setObservedAt(Instant.EPOCH)
                .setPayload(CallStarted.newBuilder().setCompany("Acme\u007F").setTicker(null).setFiscalPeriod(null)
                        .setScheduledStart(null).setTitle(null).setSource("http").build()).build();
        assertThat(EventText.problem(started)).hasValueSatisfying(p -> assertThat(p).startsWith("company"));
        CallEvent identified = CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(0).setObservedAt(Instant.EPOCH)
                .setPayload(SpeakerIdentified.newBuilder().setSpeakerLabel("Speaker 1").setName("A\u0000")
                        .setAffiliation(null).setRole(Role.UNKNOWN).build())
                .build();
        assertThat(EventText.problem(identified)).hasValueSatisfying(p -> assertThat(p).startsWith("name"));
        CallEvent ended = CallEvent.newBuilder().setCallId("c\u0001").setCallOffsetMs(0).setObservedAt(Instant.EPOCH)
                .setPayload(CallEnded.newBuilder().setLineCount(1).setReason(null).build()).build();
        assertThat(EventText.problem(ended)).hasValueSatisfying(p -> assertThat(p).startsWith("callId"));
    }

    @Test
    void refusesUnpairedSurrogatesButNotPairs() {
        assertThat(EventText.problem(line("A", "broken \uD83D here"))).hasValueSatisfying(p -> assertThat(p)
                .contains("unpaired", "U+D83D"));
        assertThat(EventText.problem(line("A", "broken \uDE97"))).isPresent();
        assertThat(EventText.problem(line("A", "paired \uD83D\uDE97"))).isEmpty();
    }

    @Test
    void refusesALineOverTheLimitInUtf8BytesNotCharacters() {
        String atLimit = "a".repeat(RecordLimits.MAX_LINE_TEXT_BYTES);
        assertThat(EventText.problem(line("A", atLimit))).isEmpty();
        assertThat(EventText.problem(line("A", atLimit + "b")))
                .hasValueSatisfying(p -> assertThat(p).contains("over the limit of 32768", "split it"));
        String euros = "€".repeat(RecordLimits.MAX_LINE_TEXT_BYTES / 3 + 1); // 3 bytes each
        assertThat(EventText.problem(line("A", euros))).isPresent();
        assertThat(EventText.problem(line("A", euros.substring(1)))).as("32,766 bytes").isEmpty();
        assertThat(EventText.problem(line("A", "\uD83D\uDE97".repeat(RecordLimits.MAX_LINE_TEXT_BYTES / 4))))
                .as("cars, 4 bytes a pair, to the limit").isEmpty();
        assertThat(EventText.problem(line("A", "\uD83D\uDE97".repeat(RecordLimits.MAX_LINE_TEXT_BYTES / 4) + "a")))
                .isPresent();
        assertThat(EventText.problem(line("A".repeat(RecordLimits.MAX_FIELD_BYTES + 1), "fine"))).isPresent();
    }

    @Test
    void countsUtf8BytesAsTheEncoderDoes() {
        String text = "a ü € 🚗 \uD83D";
        assertThat(EventText.utf8Bytes(text)).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
