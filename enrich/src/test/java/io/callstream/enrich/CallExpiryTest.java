package io.callstream.enrich;

import static io.callstream.enrich.EnrichDriver.finals;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.TurnAssemblyState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bounded state: quiet calls are closed and ended calls forgotten, both in stream time. */
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

    /** Lines of the busy call every 10 s of its clock up to {@code untilMs}, moving the task's stream time. */
    private void busyUntil(long fromMs, long untilMs) {
        for (long t = fromMs; t <= untilMs; t += 10_000) {
            driver.pipe(busy.lineAt(t, "Elon Musk", "Still talking at " + t + "."));
        }
    }

    @Test
    void closesACallThatGoesQuietForTheIdleTimeoutAndRefusesItsLateLines() {
        driver.pipe(quiet.started(TESLA), busy.started(TESLA), quiet.lineAt(1_000, "Elon Musk", "Hello."),
                quiet.lineAt(2_000, "Elon Musk", "And then the line dropped"));
        busyUntil(10_000, 50_000);
        assertThat(finals(driver.turns())).as("not idle yet").isEmpty();

        busyUntil(60_000, 130_000);

        assertThat(finals(driver.turns())).filteredOn(t -> t.getCallId().equals("quiet")).singleElement()
                .satisfies(t -> assertThat(t.getText()).isEqualTo("Hello. And then the line dropped"));
        TurnAssemblyState marker = driver.assemblyStore().get("quiet");
        assertThat(marker.getEnded().getReason()).startsWith("idle");
        assertThat(marker.getOpenTurn()).isNull();
        assertThat(driver.closedTurns("quiet")).isEmpty();
        assertThat(driver.assemblyStore().get("busy").getEnded()).as("the busy call goes on").isNull();

        driver.pipe(quiet.lineAt(3_000, "Elon Musk", "Are you still there?"));
        assertThat(driver.deadLetters()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("line after the call was closed (idle"));
    }

    @Test
    void measuresIdlenessInStreamTimeSoACallOnAnOlderClockIsNotExpiredByANewerOne() {
        // Replayed together, a 2017 call and a 2021 call: the task's stream time jumps to 2021 at once.
        TestCallEvents old = new TestCallEvents("old", Instant.parse("2017-02-22T22:30:00Z"));
        TestCallEvents recent = new TestCallEvents("recent", Instant.parse("2021-05-01T14:00:00Z"));
        driver.pipe(old.started(TESLA), recent.started(TESLA));
        for (long t = 1_000; t <= 300_000; t += 10_000) {
            driver.pipe(recent.lineAt(t, "Operator", "Recent " + t + "."), old.lineAt(t, "Elon Musk", "Old " + t + "."));
        }

        assertThat(driver.turns()).filteredOn(t -> t.getStatus() == Status.FINAL).isEmpty();
        assertThat(driver.assemblyStore().get("old").getEnded()).isNull();
        assertThat(driver.assemblyStore().get("recent").getEnded()).isNull();
    }

    @Test
    void forgetsAnEndedCallAfterItsRetention() {
        driver.pipe(quiet.started(TESLA), busy.started(TESLA), quiet.lineAt(1_000, "Elon Musk", "Short call."),
                quiet.ended());
        busyUntil(10_000, 100_000);
        assertThat(driver.assemblyStore().get("quiet").getEnded()).as("still remembered").isNotNull();

        busyUntil(110_000, 200_000);

        assertThat(driver.assemblyStore().get("quiet")).isNull();
        assertThat(driver.turns()).extracting(SpeakerTurn::getCallId).contains("quiet");
    }
}
