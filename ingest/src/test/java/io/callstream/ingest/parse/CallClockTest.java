package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallClockTest {

    private final CallClock clock = CallClock.of(List.of(
            new CallTimeMarker(100, 60_000),
            new CallTimeMarker(300, 120_000)));

    @Test
    void givesAMarkersOwnTimeAtItsWord() {
        assertThat(clock.offsetAt(100)).isEqualTo(60_000);
        assertThat(clock.offsetAt(300)).isEqualTo(120_000);
    }

    @Test
    void interpolatesByWordCountBetweenMarkers() {
        assertThat(clock.offsetAt(200)).isEqualTo(90_000);
        assertThat(clock.offsetAt(150)).isEqualTo(75_000);
    }

    @Test
    void measuresSpeakingRateBetweenFirstAndLastMarker() {
        assertThat(clock.wordsPerMs()).isCloseTo(200.0 / 60_000, within(1e-12));
    }

    @Test
    void extrapolatesAfterLastMarkerAtMeasuredRate() {
        assertThat(clock.offsetAt(400)).isEqualTo(150_000);
    }

    @Test
    void extrapolatesBeforeFirstMarkerAtMeasuredRateAndNeverBelowZero() {
        assertThat(clock.offsetAt(50)).isEqualTo(45_000);
        CallClock early = CallClock.of(List.of(new CallTimeMarker(1_000, 10_000), new CallTimeMarker(1_100, 20_000)));
        assertThat(early.offsetAt(0)).isZero();
    }

    @Test
    void usesDefaultRateWithoutMarkers() {
        CallClock none = CallClock.of(List.of());

        assertThat(none.offsetAt(150)).isEqualTo(60_000);
    }

    @Test
    void usesDefaultRateAroundASingleMarker() {
        CallClock one = CallClock.of(List.of(new CallTimeMarker(150, 120_000)));

        assertThat(one.offsetAt(0)).isEqualTo(60_000);
        assertThat(one.offsetAt(300)).isEqualTo(180_000);
    }

    @Test
    void neverRunsBackwardsWhenAMarkerIsEarlierThanTheOneBefore() {
        CallClock slipped = CallClock.of(List.of(
                new CallTimeMarker(10, 50_000),
                new CallTimeMarker(20, 40_000),
                new CallTimeMarker(30, 70_000)));

        long previous = -1;
        for (long word = 0; word <= 40; word++) {
            long offset = slipped.offsetAt(word);
            assertThat(offset).isGreaterThanOrEqualTo(previous);
            previous = offset;
        }
        assertThat(slipped.offsetAt(20)).isEqualTo(50_000);
    }

    @Test
    void takesTheLaterTimeWhereTwoMarkersShareAWord() {
        CallClock stacked = CallClock.of(List.of(
                new CallTimeMarker(10, 50_000),
                new CallTimeMarker(10, 55_000),
                new CallTimeMarker(20, 65_000)));

        assertThat(stacked.offsetAt(10)).isEqualTo(55_000);
        assertThat(stacked.offsetAt(15)).isEqualTo(60_000);
        assertThat(stacked.offsetAt(9)).isLessThanOrEqualTo(50_000);
    }
}
