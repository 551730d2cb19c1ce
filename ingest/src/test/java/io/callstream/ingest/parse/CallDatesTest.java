package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallDatesTest {

    @Test
    void readsEasternTimeWithItsDaylightSaving() {
        assertThat(CallDates.instant("Feb", "22", "2017", "5", "30", "p", "ET"))
                .contains(Instant.parse("2017-02-22T22:30:00Z"));
        assertThat(CallDates.instant("Oct", "24", "2019", "8", "30", "a", "ET"))
                .contains(Instant.parse("2019-10-24T12:30:00Z"));
    }

    @Test
    void readsASpecificZoneAsItsFixedOffsetEvenInSummer() {
        assertThat(CallDates.instant("July", "10", "2019", "9", "00", "a", "EST"))
                .contains(Instant.parse("2019-07-10T14:00:00Z"));
    }

    @Test
    void readsCapitalisedMonthsGmtAndTheTwentyFourHourClock() {
        assertThat(CallDates.instant("FEBRUARY", "22", "2017", "10", "30", "P", "GMT"))
                .contains(Instant.parse("2017-02-22T22:30:00Z"));
        assertThat(CallDates.instant("sept", "3", "2020", "22", "05", null, "utc"))
                .contains(Instant.parse("2020-09-03T22:05:00Z"));
    }

    @Test
    void readsNoonAndMidnightOnTheTwelveHourClock() {
        assertThat(CallDates.instant("Jan", "5", "2021", "12", "00", "p", "GMT"))
                .contains(Instant.parse("2021-01-05T12:00:00Z"));
        assertThat(CallDates.instant("Jan", "5", "2021", "12", "15", "a", "GMT"))
                .contains(Instant.parse("2021-01-05T00:15:00Z"));
    }

    @Test
    void givesNoStartForAnUnknownZoneOrAnImpossibleDate() {
        assertThat(CallDates.instant("Feb", "22", "2017", "5", "30", "p", "CET")).isEmpty();
        assertThat(CallDates.instant("Feb", "30", "2017", "5", "30", "p", "ET")).isEmpty();
        assertThat(CallDates.instant("Fe", "2", "2017", "5", "30", "p", "ET")).isEmpty();
        assertThat(CallDates.instant("Feb", "2", "2017", "13", "30", "p", "ET")).isEmpty();
    }

    @Test
    void writesTheFiscalPeriodYearFirst() {
        assertThat(CallDates.fiscalPeriod("q4", "2016")).isEqualTo("2016-Q4");
    }
}
