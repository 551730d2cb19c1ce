package io.callstream.ingest.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical JSON form of a call event, by example, and each way a line can be refused. */
class CanonicalJsonTest {

    private final CanonicalJson<CallEvent> json = CanonicalJson.callEvents();

    private static final Instant AT = Instant.parse("2017-02-22T22:31:05.123Z");

    static CallEvent line(String callId, String lineId, long seq, int revision, String text) {
        return event(callId, AT, TranscriptLine.newBuilder().setLineId(lineId).setSeq(seq).setRevision(revision)
                .setStatus(Status.FINAL).setSpeakerLabel("Elon Reeve Musk").setAffiliation("Tesla, Inc.")
                .setSpeakerRole(Role.EXECUTIVE).setSection(Section.PREPARED_REMARKS).setText(text)
                .setDurationMs(null).setFlags(List.of(LineFlag.PHONETIC_SPELLING)).build());
    }

    static CallEvent event(String callId, Instant at, Object payload) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(1500).setObservedAt(at).setPayload(payload)
                .build();
    }

    @Test
    void writesATranscriptLineWithEveryFieldTheBranchNamedAndTimesInIso() {
        String text = json.write(line("tesla-2016-q4", "tesla-2016-q4-L00001", 1, 0, "Thank you."));

        assertThat(text).isEqualTo("{\"callId\":\"tesla-2016-q4\",\"callOffsetMs\":1500,"
                + "\"observedAt\":\"2017-02-22T22:31:05.123Z\",\"payload\":{\"TranscriptLine\":{"
                + "\"lineId\":\"tesla-2016-q4-L00001\",\"seq\":1,\"revision\":0,\"status\":\"FINAL\","
                + "\"speakerLabel\":\"Elon Reeve Musk\",\"affiliation\":\"Tesla, Inc.\",\"speakerRole\":\"EXECUTIVE\","
                + "\"section\":\"PREPARED_REMARKS\",\"text\":\"Thank you.\",\"durationMs\":null,"
                + "\"flags\":[\"PHONETIC_SPELLING\"]}}}");
    }

    @Test
    void writesWholeSecondsWithMillisecondsAndAnOptionalTimestampAsPlainValue() {
        CallEvent started = event("c1", Instant.parse("2017-02-22T22:30:00Z"), CallStarted.newBuilder()
                .setCompany("Tesla, Inc.").setTicker("TSLA").setFiscalPeriod(null)
                .setScheduledStart(Instant.parse("2017-02-22T22:30:00Z")).setTitle(null).setSource("http").build());

        assertThat(json.write(started)).contains("\"observedAt\":\"2017-02-22T22:30:00.000Z\"")
                .contains("\"payload\":{\"CallStarted\":{\"company\":\"Tesla, Inc.\",\"ticker\":\"TSLA\","
                        + "\"fiscalPeriod\":null,\"scheduledStart\":\"2017-02-22T22:30:00.000Z\",\"title\":null,"
                        + "\"source\":\"http\",\"companySource\":null}}");
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        for (CallEvent event : List.of(
                line("c1", "c1-L1", 1, 2, "Ünïcødé — 💡 \"quoted\"\n and a new line"),
                event("c1", AT, SpeakerIdentified.newBuilder().setSpeakerLabel("Speaker 3").setName("Adam Jonas")
                        .setAffiliation("Morgan Stanley").setRole(Role.ANALYST).build()),
                event("c1", AT, CallEnded.newBuilder().setLineCount(42).setReason("feed lost").build()))) {
            assertThat(json.read(json.write(event))).isEqualTo(event);
        }
    }

    @Test
    void missingOptionalFieldsTakeTheSchemaDefaults() throws Exception {
        CallEvent event = json.read("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":1487802665123,"
                + "\"payload\":{\"TranscriptLine\":{\"lineId\":\"c1-L0\",\"seq\":0,\"text\":\"Hello.\"}}}");

        assertThat(event.getObservedAt()).isEqualTo(AT);
        TranscriptLine line = (TranscriptLine) event.getPayload();
        assertThat(line.getRevision()).isZero();
        assertThat(line.getStatus()).isEqualTo(Status.FINAL);
        assertThat(line.getSpeakerLabel()).isNull();
        assertThat(line.getAffiliation()).isNull();
        assertThat(line.getSpeakerRole()).isEqualTo(Role.UNKNOWN);
        assertThat(line.getSection()).isEqualTo(Section.UNKNOWN);
        assertThat(line.getDurationMs()).isNull();
        assertThat(line.getFlags()).isEmpty();
    }

    @Test
    void readsTimesAsIsoStringsWithAnyOffsetOrAsEpochMillis() throws Exception {
        String template = "{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":%s,"
                + "\"payload\":{\"CallEnded\":{\"lineCount\":0}}}";
        for (String at : List.of("\"2017-02-22T22:31:05.123Z\"", "\"2017-02-22T23:31:05.123+01:00\"",
                "1487802665123")) {
            assertThat(json.read(template.formatted(at)).getObservedAt()).as(at).isEqualTo(AT);
        }
    }

    @Test
    void refusesAnUnknownFieldByName() {
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"speaker\":\"x\","
                        + "\"payload\":{\"CallEnded\":{\"lineCount\":0}}}",
                "speaker: unknown field; CallEvent has exactly the fields callId, callOffsetMs, observedAt, payload."
                        + " Remove it or correct its spelling.");
    }

    @Test
    void refusesAnUnknownNestedFieldAndSuggestsTheRightCase() {
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,"
                        + "\"payload\":{\"TranscriptLine\":{\"lineID\":\"a\",\"seq\":0,\"text\":\"t\"}}}",
                "payload.TranscriptLine.lineID: unknown field;", "Did you mean \"lineId\"?");
    }

    @Test
    void refusesAMissingRequiredFieldByName() {
        assertRefused("{\"callOffsetMs\":0,\"observedAt\":0,\"payload\":{\"CallEnded\":{\"lineCount\":0}}}",
                "callId: missing; CallEvent requires callId, callOffsetMs, observedAt, payload. Add callId as a string.");
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,"
                        + "\"payload\":{\"TranscriptLine\":{\"lineId\":\"a\",\"seq\":0}}}",
                "payload.TranscriptLine.text: missing; TranscriptLine requires lineId, seq, text.");
    }

    @Test
    void refusesValuesOfTheWrongType() {
        String prefix = "{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":{\"TranscriptLine\":";
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":\"5\",\"text\":\"t\"}}}",
                "payload.TranscriptLine.seq: expected a whole number (long), got the string \"5\"; send a JSON"
                        + " number without quotes or a fraction.");
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":1.5,\"text\":\"t\"}}}",
                "payload.TranscriptLine.seq: expected a whole number (long), got the number 1.5");
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":0,\"revision\":3000000000,\"text\":\"t\"}}}",
                "payload.TranscriptLine.revision: 3000000000 is out of range for an int");
        assertRefused(prefix + "{\"lineId\":7,\"seq\":0,\"text\":\"t\"}}}",
                "payload.TranscriptLine.lineId: expected a string, got the number 7; send it in double quotes.");
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":0,\"text\":null}}}",
                "payload.TranscriptLine.text: expected a string, got null");
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":0,\"text\":\"t\",\"flags\":\"INAUDIBLE\"}}}",
                "payload.TranscriptLine.flags: expected an array of one of OTHER, PHONETIC_SPELLING, INAUDIBLE,"
                        + " CROSSTALK, INTERPOLATED_TIME (LineFlag), got the string \"INAUDIBLE\"");
        assertRefused(prefix + "{\"lineId\":\"a\",\"seq\":0,\"text\":\"t\",\"speakerLabel\":{}}}}",
                "payload.TranscriptLine.speakerLabel: expected a string, got an object; send it in double quotes.");
    }

    @Test
    void refusesAnUnknownEnumSymbolListingTheKnownOnes() {
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":{\"TranscriptLine\":"
                        + "{\"lineId\":\"a\",\"seq\":0,\"text\":\"t\",\"flags\":[\"INAUDIBLE\",\"inaudible\"]}}}",
                "payload.TranscriptLine.flags[1]: unknown LineFlag \"inaudible\"; use one of OTHER,"
                        + " PHONETIC_SPELLING, INAUDIBLE, CROSSTALK, INTERPOLATED_TIME (exactly as written, upper case).");
    }

    @Test
    void refusesAPayloadThatDoesNotNameItsType() {
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":{\"lineCount\":0}}",
                "payload: unknown type \"lineCount\"; use one of CallStarted, TranscriptLine, SpeakerIdentified,"
                        + " CallEnded.");
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":"
                        + "{\"CallEnded\":{\"lineCount\":0},\"CallStarted\":{}}}",
                "payload: expected an object with one key naming the type, one of CallStarted, TranscriptLine,"
                        + " SpeakerIdentified, CallEnded, got an object; e.g. {\"CallStarted\": {...}}.");
        assertRefused("{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":null}",
                "payload: expected an object with one key naming the type");
    }

    @Test
    void refusesTimesThatAreNotTimesOrTooPrecise() {
        String template = "{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":%s,"
                + "\"payload\":{\"CallEnded\":{\"lineCount\":0}}}";
        assertRefused(template.formatted("\"yesterday\""), "observedAt: expected an ISO-8601 UTC time or epoch"
                + " milliseconds (timestamp-millis), got the string \"yesterday\"; send e.g.");
        assertRefused(template.formatted("\"2017-02-22 22:31:05\""), "observedAt: expected an ISO-8601");
        assertRefused(template.formatted("\"2017-02-22T22:31:05.123456Z\""),
                "observedAt: 2017-02-22T22:31:05.123456Z is more precise than a millisecond");
        assertRefused(template.formatted("1.5e12"), "observedAt: expected an ISO-8601");
    }

    @Test
    void refusesTextThatIsNotOneJsonObject() {
        assertRefused("{\"callId\":", "not valid JSON (");
        assertRefused("[1,2]", "expected an object (CallEvent), got an array");
        assertRefused("{\"callId\":\"a\",\"callId\":\"b\"}", "not valid JSON (Duplicate field 'callId'");
        assertRefused("{\"callId\":\"a\"} {\"callId\":\"b\"}", "not valid JSON (Trailing token");
        assertRefused("", "no JSON value; send one CallEvent as a JSON object.");
    }

    @Test
    void refusesToWriteAnEventThatBreaksItsSchema() {
        CallEvent broken = new CallEvent(null, 0L, AT, CallEnded.newBuilder().setLineCount(0).build());
        assertThatThrownBy(() -> json.write(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CallEvent.callId is null");
    }

    private void assertRefused(String text, String... fragments) {
        assertThatThrownBy(() -> json.read(text)).isInstanceOf(CanonicalJsonException.class)
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }
}
