package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.schemas.limits.RecordLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What enrich does with events ingest would have refused, written to call-events directly: each is dead-lettered
 * with its reason and the call goes on; and however long a speaker talks, the call's state and every record stay
 * within what Kafka takes.
 */
class OversizedAndMalformedEventsTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private EnrichDriver driver;
    private final TestCallEvents call = new TestCallEvents("c1");

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of());
    }

    private static CallEvent withText(CallEvent line, String text) {
        TranscriptLine l = TranscriptLine.newBuilder((TranscriptLine) line.getPayload()).setText(text).build();
        return CallEvent.newBuilder(line).setPayload(l).build();
    }

    @Test
    void deadLettersANineHundredThousandCharacterLineAndGoesOnWithTheCall() throws IOException {
        driver.pipe(call.started("Tesla, Inc."), call.lineAt(1_000, "Elon Musk", "Before."));
        driver.pipe(withText(call.lineAt(2_000, "Elon Musk", ""), "x".repeat(900_000)));
        driver.pipe(call.lineAt(3_000, "Adam Jonas", "After."), call.ended());

        assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).contains("text is 900000 bytes", "limit of " + RecordLimits.MAX_LINE_TEXT_BYTES);
            assertThat(letter.getCallId()).isEqualTo("c1");
            assertThat(letter.getPayload().remaining()).isLessThanOrEqualTo(RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES);
            assertThat(letter.toByteBuffer().remaining()).isLessThan(RecordLimits.KAFKA_DEFAULT_MAX_RECORD_BYTES);
        });
        assertThat(EnrichDriver.finals(driver.turns())).extracting(SpeakerTurn::getText)
                .containsExactly("Before.", "After.");
        // The refused line's seq never came: the gap is recorded, not hidden.
        assertThat(driver.assemblyStore().get("c1").getEnded().getReason()).isEqualTo("ended");
    }

    @Test
    void deadLettersNulAndOtherControlCharactersSoNoStoreIsAskedToHoldThem() {
        driver.pipe(call.started("Tesla, Inc."), call.lineAt(1_000, "Elon Musk", "cash\u0000burn"),
                call.lineAt(2_000, "Elon \u0007Musk", "Bell in the name."), call.lineAt(3_000, "Elon Musk", "Fine."),
                call.ended());

        assertThat(driver.deadLetters()).extracting(DeadLetter::getReason).satisfiesExactly(
                r -> assertThat(r).contains("text", "U+0000"),
                r -> assertThat(r).contains("speakerLabel", "U+0007"));
        List<SpeakerTurn> turns = driver.turns();
        assertThat(turns).extracting(SpeakerTurn::getText).allSatisfy(t -> assertThat(t).doesNotContain("\u0000"));
        assertThat(EnrichDriver.finals(turns)).extracting(SpeakerTurn::getText).containsExactly("Fine.");
    }

    /** Issue 13's bad-input suite found these assembled into the key's state but sent as turns of the payload's call. */
    @Test
    void deadLettersAnEventKeyedOtherThanItsCallIdAndKeepsBothCallsApart() {
        TestCallEvents other = new TestCallEvents("c2");
        driver.pipe(call.started("Tesla, Inc."), call.lineAt(1_000, "Elon Musk", "Mine."));
        driver.pipeKeyed("c1", other.lineAt(2_000, "Adam Jonas", "Not c1's line."));
        driver.pipe(call.lineAt(3_000, "Adam Jonas", "Also mine."), call.ended());

        assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo("a record keyed 'c1' holds an event of call 'c2' on call-events:"
                    + " the key must be the call's id");
            assertThat(letter.getCallId()).isEqualTo("c1");
        });
        List<SpeakerTurn> turns = driver.turns();
        assertThat(turns).extracting(SpeakerTurn::getCallId).containsOnly("c1");
        assertThat(EnrichDriver.finals(turns)).extracting(SpeakerTurn::getText).containsExactly("Mine.", "Also mine.");
    }

    @Test
    void deadLettersTombstonesAndKeylessRecordsInsteadOfDroppingThem() {
        driver.pipe(call.started("Tesla, Inc."));
        driver.pipeTombstone("c1", Instant.parse("2017-02-22T22:30:01Z"));
        driver.pipe(call.lineAt(2_000, "Elon Musk", "Still here."), call.ended());

        assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).contains("no value (a tombstone)");
            assertThat(letter.getCallId()).isEqualTo("c1");
            assertThat(letter.getSourceTopic()).isEqualTo("call-events");
        });
        assertThat(EnrichDriver.finals(driver.turns())).extracting(SpeakerTurn::getText).containsExactly("Still here.");
    }

    @Test
    void startsANewTurnBySameSpeakerBeforeATurnOutgrowsTheLimitAndLosesNoWords() throws IOException {
        driver.pipe(call.started("Tesla, Inc."));
        String paragraph = "y".repeat(30_000);
        int lines = 20; // 600 KB by one speaker: more than four turns' worth
        long largestState = 0;
        for (int i = 0; i < lines; i++) {
            driver.pipe(call.lineAt(1_000L * (i + 1), "Elon Musk", i + paragraph));
            largestState = Math.max(largestState, driver.assemblyStore().get("c1").toByteBuffer().remaining());
        }
        driver.pipe(call.ended());

        List<SpeakerTurn> all = driver.turns();
        List<SpeakerTurn> finals = EnrichDriver.finals(all);
        assertThat(finals).hasSizeGreaterThan(4)
                .allSatisfy(t -> assertThat(t.getSpeaker().getLabel()).isEqualTo("Elon Musk"));
        assertThat(all).allSatisfy(t -> assertThat(t.getText().length()).isLessThanOrEqualTo(
                RecordLimits.MAX_TURN_TEXT_BYTES));
        assertThat(finals.stream().mapToLong(SpeakerTurn::getLineCount).sum()).isEqualTo(lines);
        assertThat(String.join(" ", finals.stream().map(SpeakerTurn::getText).toList()))
                .isEqualTo(String.join(" ", java.util.stream.IntStream.range(0, lines)
                        .mapToObj(i -> i + paragraph).toList()));
        assertThat(largestState).as("the call's state, as its changelog record")
                .isLessThan(RecordLimits.KAFKA_DEFAULT_MAX_RECORD_BYTES / 2);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void givesUpAGapOnceTheLinesWaitingBehindItHoldTooMuchText() throws IOException {
        // Only the text bound can give the gap up here: the call-time bound is ten minutes, the line bound 200.
        driver = DRIVERS.open(Map.of(EnrichSettings.MAX_GAP_CALL_TIME_MS_CONFIG, "600000"));
        driver.pipe(call.started("Tesla, Inc."));
        String paragraph = "z".repeat(30_000);
        // seq 0 never comes; seqs 1.. wait behind it, all within the call-time bound (same offset).
        for (long seq = 1; seq <= 5; seq++) { // 150 KB waiting after the fifth
            driver.pipe(withText(call.line(seq, 0, Status.FINAL, "Elon Musk", io.callstream.avro.Section.UNKNOWN,
                    "x"), seq + paragraph));
            TurnAssemblyState state = driver.assemblyStore().get("c1");
            assertThat(state.toByteBuffer().remaining()).isLessThan(RecordLimits.KAFKA_DEFAULT_MAX_RECORD_BYTES / 2);
        }
        assertThat(driver.turns()).as("the gap was given up").isNotEmpty()
                .first().satisfies(t -> assertThat(t.getMissingSeqs()).containsExactly(0L));
    }
}
