package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantListTest {

    private static List<SourceLine> lines(String text) {
        return SourceLine.split(text);
    }

    private final ParticipantList list = ParticipantList.of(
            lines("Marcus Oyelaran\nBrightwater Logistics Inc - Chairman & CEO\n \n"
                    + "* Priya  Natarajan\n  Brightwater Logistics Inc  -  CFO  [2]\n"
                    + "Rafael Quintero, Brightwater Logistics Inc - SVP of Network Operations\nDana Whitfield\n"
                    + "-----\nOrphan Holdings Inc - Director\n"),
            lines("Tom Ashdown\nCarver Hale & Co. - Analyst\nMarcus Oyelaran\nSomewhere Else - Analyst\n"));

    @Test
    void listsTheCompanysPeopleAsExecutivesWithTheirCompanyTitleLine() {
        assertThat(list.find("Marcus Oyelaran")).contains(
                new TurnSpeaker("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE));
    }

    @Test
    void listsConferenceCallParticipantsAsAnalysts() {
        assertThat(list.find("Tom Ashdown"))
                .contains(new TurnSpeaker("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST));
    }

    @Test
    void readsBulletsRunningNumbersAndExtraSpacesAway() {
        assertThat(list.find("Priya Natarajan"))
                .contains(new TurnSpeaker("Priya Natarajan", "Brightwater Logistics Inc - CFO", Role.EXECUTIVE));
    }

    @Test
    void listsANameWithoutACompanyLineWithoutAffiliation() {
        assertThat(list.find("Dana Whitfield")).contains(new TurnSpeaker("Dana Whitfield", null, Role.EXECUTIVE));
    }

    @Test
    void readsANameAndItsCompanyTitleOnOneLine() {
        assertThat(list.find("Rafael Quintero")).contains(new TurnSpeaker("Rafael Quintero",
                "Brightwater Logistics Inc - SVP of Network Operations", Role.EXECUTIVE));
    }

    @Test
    void findsNamesWhateverTheirCaseAndKeepsTheFirstListing() {
        assertThat(list.find("MARCUS OYELARAN")).get().extracting(TurnSpeaker::role).isEqualTo(Role.EXECUTIVE);
    }

    @Test
    void takesTheLineRightAfterANameForItsCompanyLineWhenItReadsAsOne() {
        ParticipantList ambiguous = ParticipantList.of(
                SourceLine.split("Dana Whitfield\nRobert W. Baird, Inc. - Analyst"), List.of());

        assertThat(ambiguous.find("Dana Whitfield")).contains(
                new TurnSpeaker("Dana Whitfield", "Robert W. Baird, Inc. - Analyst", Role.EXECUTIVE));
        assertThat(ambiguous.find("Robert W. Baird")).isEmpty();
    }

    @Test
    void listsNoOneForACompanyLineWithoutAName() {
        assertThat(list.find("Orphan Holdings Inc - Director")).isEmpty();
        assertThat(list.find("Orphan Holdings Inc")).isEmpty();
    }

    @Test
    void findsTheListedNameThatOpensALine() {
        assertThat(list.findOpening("Tom Ashdown Carver Hale & Co. - Analyst")).get()
                .extracting(TurnSpeaker::label).isEqualTo("Tom Ashdown");
        assertThat(list.findOpening("Tom Ashdownish remarks")).isEmpty();
    }
}
