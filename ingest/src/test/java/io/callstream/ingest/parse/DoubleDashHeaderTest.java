package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DoubleDashHeaderTest {

    @Test
    void readsACompanySpeakerAndTitleAsExecutive() {
        assertThat(DoubleDashHeader.parse("Elon Musk -- Chief Executive Officer"))
                .contains(new TurnSpeaker("Elon Musk", "Chief Executive Officer", Role.EXECUTIVE));
    }

    @Test
    void readsAnAnalystWithTheFirmAsAffiliation() {
        assertThat(DoubleDashHeader.parse("Meera Shah -- J.R. Whitby & Co., Inc. -- Analyst"))
                .contains(new TurnSpeaker("Meera Shah", "J.R. Whitby & Co., Inc.", Role.ANALYST));
    }

    @Test
    void readsAnAnalystWhoseFirmIsNotGiven() {
        assertThat(DoubleDashHeader.parse("Daniel Kim -- Analyst"))
                .contains(new TurnSpeaker("Daniel Kim", null, Role.ANALYST));
    }

    @Test
    void keepsAnyOtherShapeAsAffiliationWithoutGuessingARole() {
        assertThat(DoubleDashHeader.parse("Lars Nygaard -- Halvorsen Energy -- Head of Grid Services"))
                .contains(new TurnSpeaker("Lars Nygaard", "Halvorsen Energy -- Head of Grid Services", Role.UNKNOWN));
    }

    @Test
    void readsTheOperatorAndPlaceholdersForUnnamedSpeakers() {
        assertThat(DoubleDashHeader.parse("Operator")).contains(TurnSpeaker.operator());
        assertThat(DoubleDashHeader.parse("Unknown speaker"))
                .contains(new TurnSpeaker("Unknown speaker", null, Role.UNKNOWN));
        assertThat(DoubleDashHeader.parse("Unidentified Participant"))
                .contains(new TurnSpeaker("Unidentified Participant", null, Role.UNKNOWN));
    }

    @Test
    void readsTheHeadersOfRealFilesSingleNamesInitialsAndTitlesWithAmpersandsAndSlashes() {
        assertThat(DoubleDashHeader.parse("Eddie -- Cowen and Company, LLC -- Analyst"))
                .contains(new TurnSpeaker("Eddie", "Cowen and Company, LLC", Role.ANALYST));
        assertThat(DoubleDashHeader.parse("A.B. Mendez -- Senior Vice President"))
                .contains(new TurnSpeaker("A.B. Mendez", "Senior Vice President", Role.EXECUTIVE));
        assertThat(DoubleDashHeader.parse("Maria -- Chief Financial Officer"))
                .contains(new TurnSpeaker("Maria", "Chief Financial Officer", Role.EXECUTIVE));
        assertThat(DoubleDashHeader.parse("Jane Roe -- Executive Vice President, Finance & Administration / CFO"))
                .contains(new TurnSpeaker("Jane Roe", "Executive Vice President, Finance & Administration / CFO",
                        Role.EXECUTIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Right -- Exactly",
            "Yes -- Absolutely, Go Ahead",
            "We had a record quarter -- up 38% -- thanks to Lakeview.",
            "Sure -- thanks.",
            "Great Quarter -- And Thanks For The Question.",
            "And the answer is -- well, we will see",
            "Elon Reeve Musk - Tesla, Inc.",
            "Jason S. Wheeler - Tesla, Inc.",
            "Thank you.",
            "Operator."})
    void takesSpeechAndOtherLayoutsHeadersForNoHeader(String line) {
        assertThat(DoubleDashHeader.parse(line)).isEmpty();
    }

    @Test
    void takesAFirstNameAloneForANameInTheParticipantsListWhateverFollows() {
        assertThat(DoubleDashHeader.listEntry("Eddie -- Cowen and Company, LLC"))
                .contains(new TurnSpeaker("Eddie", "Cowen and Company, LLC", Role.EXECUTIVE));
        assertThat(DoubleDashHeader.dashed("Eddie -- Cowen and Company, LLC")).isEmpty();
        assertThat(DoubleDashHeader.listEntry("More TSLA analysis")).isEmpty();
    }

    @Test
    void acceptsOnlyTheDoubleDashShapeWhenAskedForIt() {
        assertThat(DoubleDashHeader.dashed("Operator")).isEmpty();
        assertThat(DoubleDashHeader.dashed("Unknown speaker")).isEmpty();
        assertThat(DoubleDashHeader.dashed("Tomas Berg -- Chief Executive Officer")).isPresent();
    }
}
