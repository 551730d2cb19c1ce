package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Role;
import io.callstream.ingest.parse.ParticipantTurnHeader.Match;
import org.junit.jupiter.api.Test;

class ParticipantTurnHeaderTest {

    private final ParticipantTurnHeader headers = new ParticipantTurnHeader(ParticipantList.of(
            SourceLine.split("Marcus Oyelaran\nBrightwater Logistics Inc - Chairman & CEO"),
            SourceLine.split("Tom Ashdown\nCarver Hale & Co. - Analyst")));

    @Test
    void readsTheOperatorOnItsOwnLine() {
        assertThat(headers.read("Operator", "Good day, ladies and gentlemen."))
                .contains(new Match(TurnSpeaker.operator(), 1));
    }

    @Test
    void takesAListedSpeakersRoleFromTheListAndAffiliationFromTheHeader() {
        assertThat(headers.read("Marcus Oyelaran", "Brightwater Logistics Inc - CEO"))
                .contains(new Match(new TurnSpeaker("Marcus Oyelaran", "Brightwater Logistics Inc - CEO",
                        Role.EXECUTIVE), 2));
    }

    @Test
    void takesTheListsAffiliationWhenAListedNameComesWithoutACompanyLine() {
        assertThat(headers.read("Tom Ashdown", "Thanks, and good afternoon."))
                .contains(new Match(new TurnSpeaker("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST), 1));
    }

    @Test
    void givesASpeakerInNeitherListTheHeadersAffiliationAndNoRole() {
        assertThat(headers.read("Rafael Quintero", "Brightwater Logistics Inc - SVP of Network Operations"))
                .contains(new Match(new TurnSpeaker("Rafael Quintero",
                        "Brightwater Logistics Inc - SVP of Network Operations", Role.UNKNOWN), 2));
    }

    @Test
    void readsNameCommaCompanyTitleOnOneLineWithARunningNumber() {
        assertThat(headers.read("Marcus Oyelaran, Brightwater Logistics Inc - Chairman & CEO [3]", "Thanks."))
                .contains(new Match(new TurnSpeaker("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO",
                        Role.EXECUTIVE), 1));
        assertThat(headers.read("Rafael Quintero, Brightwater Logistics Inc - SVP", "Sure."))
                .contains(new Match(new TurnSpeaker("Rafael Quintero", "Brightwater Logistics Inc - SVP",
                        Role.UNKNOWN), 1));
    }

    @Test
    void splitsAListedNameFromTheCompanyTitleWrittenRightAfterIt() {
        assertThat(headers.read("Tom Ashdown Carver Hale & Co. - Analyst", "Thanks."))
                .contains(new Match(new TurnSpeaker("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST), 1));
    }

    @Test
    void readsAPlaceholderForAnUnnamedSpeaker() {
        assertThat(headers.read("Unidentified Participant", "Can you hear me?"))
                .contains(new Match(new TurnSpeaker("Unidentified Participant", null, Role.UNKNOWN), 1));
    }

    @Test
    void takesSpeechAfterABreakForNoHeader() {
        assertThat(headers.read("Looking ahead to 2017, our priorities are simple. We will fill the hubs we have "
                + "already built, keep the year-over-year improvement in", "service going.")).isEmpty();
        assertThat(headers.read("Thank You Operator", "Our next question comes from Lena Fischbach.")).isEmpty();
        assertThat(headers.read("Thank you.", null)).isEmpty();
        assertThat(headers.read("We grew in Memphis - and Dallas", "Dallas Hub Ltd - Manager")).isEmpty();
    }
}
