package io.callstream.enrich;

import static io.callstream.enrich.EnrichDriver.finals;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.state.TurnAssemblyState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounded state: a live call that goes quiet is closed and an ended call forgotten, both in wall-clock time, and never
 * because another call on the same partition runs on a newer clock.
 */
class CallExpiryTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String TESLA = "Tesla, Inc.";

    private EnrichDriver driver;
    private final TestCallEvents quiet = new TestCallEvents("quiet");
    private final TestCallEvents busy = new TestCallEvents("busy");

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of(
                EnrichSettings.IDLE_TIMEOUT_MS_CONFIG, "60000",
                EnrichSettings.ENDED_RETENTION_MS_CONFIG, "120000"));
    }

    @Test
    void closesACallThatGoesQuietForTheIdleTimeoutAndRefusesItsLateLines() {
        driver.pipe(quiet.started(TESLA), busy.started(TESLA), quiet.lineAt(1_000, "Elon Musk", "Hello."),
                quiet.lineAt(2_000, "Elon Musk", "And then the line dropped"));
        driver.advanceWallClock(Duration.ofSeconds(40));
        driver.pipe(busy.lineAt(40_000, "Elon Musk", "Still talking."));
        driver.advanceWallClock(Duration.ofSeconds(10));
        assertThat(finals(driver.turns())).as("not idle yet").isEmpty();

        driver.advanceWallClock(Duration.ofSeconds(20)); // quiet: 70 s of silence; busy: 30 s
        driver.advanceWallClock(Duration.ofSeconds(10));

        assertThat(finals(driver.turns())).singleElement().satisfies(t -> {
            assertThat(t.getCallId()).isEqualTo("quiet");
            assertThat(t.getText()).isEqualTo("Hello. And then the line dropped");
            assertThat(t.getLastObservedAt()).as("on the call's own clock").isEqualTo(TestCallEvents.CALL_START
                    .plusMillis(2_000));
        });
        TurnAssemblyState marker = driver.assemblyStore().get("quiet");
        assertThat(marker.getEnded().getReason()).startsWith("idle");
        assertThat(marker.getOpenTurn()).isNull();
        assertThat(driver.closedTurns("quiet")).isEmpty();
        assertThat(driver.assemblyStore().get("busy").getEnded()).as("the busy call goes on").isNull();

        driver.pipe(quiet.lineAt(3_000, "Elon Musk", "Are you still there?"));
        assertThat(driver.deadLetters()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("line after the call was closed (idle"));
    }

    /**
     * The reported defect: a call replayed from a file without a date (stamped near 1970) shared a partition with a
     * call whose one event carried no observedAt (stamped now); the task's stream time jumped 56 years and the
     * replayed call was closed as idle in the middle, its remaining lines and its end dead-lettered.
     */
    @Test
    void neverClosesACallBecauseAnotherCallOnThePartitionRunsOnANewerClock() {
        TestCallEvents replayed = new TestCallEvents("replayed", Instant.EPOCH);
        TestCallEvents live = new TestCallEvents("live", Instant.parse("2026-12-04T17:00:00Z"));
        driver.pipe(replayed.started(TESLA));
        for (long t = 1_000; t <= 30_000; t += 1_000) {
            driver.pipe(replayed.lineAt(t, t % 2_000 == 0 ? "Elon Musk" : "Adam Jonas", "Line at " + t + "."));
        }
        driver.pipe(live.started("Acme"));
        for (long t = 31_000; t <= 60_000; t += 1_000) {
            driver.pipe(replayed.lineAt(t, t % 2_000 == 0 ? "Elon Musk" : "Adam Jonas", "Line at " + t + "."));
        }
        driver.pipe(replayed.ended());

        assertThat(driver.deadLetters()).isEmpty();
        List<SpeakerTurn> finals = finals(driver.turns());
        assertThat(finals).hasSize(60).allSatisfy(t -> assertThat(t.getCallId()).isEqualTo("replayed"));
        assertThat(driver.assemblyStore().get("replayed").getEnded().getReason()).isEqualTo("ended");
        assertThat(driver.assemblyStore().get("live").getEnded()).isNull();
    }

    @Test
    void recordTimeAloneNeverExpiresACall() {
        // Replayed together, a 2017 call and a 2021 call, then the 2017 call alone for an hour of its own time:
        // record times move by years, the wall clock does not, so nothing is closed until the calls end.
        TestCallEvents old = new TestCallEvents("old", Instant.parse("2017-02-22T22:30:00Z"));
        TestCallEvents recent = new TestCallEvents("recent", Instant.parse("2021-05-01T14:00:00Z"));
        driver.pipe(old.started(TESLA), recent.started(TESLA), recent.lineAt(1_000, "Operator", "Recent."));
        for (long t = 1_000; t <= 3_600_000; t += 60_000) {
            driver.pipe(old.lineAt(t, "Elon Musk", "Old " + t + "."));
        }

        assertThat(finals(driver.turns())).isEmpty();
        assertThat(driver.assemblyStore().get("old").getEnded()).isNull();
        assertThat(driver.assemblyStore().get("recent").getEnded()).isNull();
    }

    @Test
    void forgetsAnEndedCallAfterItsRetention() {
        driver.pipe(quiet.started(TESLA), quiet.lineAt(1_000, "Elon Musk", "Short call."), quiet.ended());
        driver.advanceWallClock(Duration.ofSeconds(100));
        assertThat(driver.assemblyStore().get("quiet").getEnded()).as("still remembered").isNotNull();

        driver.advanceWallClock(Duration.ofSeconds(30));

        assertThat(driver.assemblyStore().get("quiet")).isNull();
        assertThat(driver.turns()).extracting(SpeakerTurn::getCallId).contains("quiet");
    }
}
