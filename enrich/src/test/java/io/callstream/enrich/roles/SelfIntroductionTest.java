package io.callstream.enrich.roles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelfIntroductionTest {

    @Test
    void readsTheFirmACallerNamesAsTheyBegin() {
        assertThat(SelfIntroduction.firm("Hi Ismael, it's Pot from Morgan Stanley. Um, thank you for the presentation."))
                .contains("Morgan Stanley");
        assertThat(SelfIntroduction.firm("Good morning. This is Craig Moore with Autonomous. Thanks for joining us."))
                .contains("Autonomous");
    }

    @Test
    void takesNoDepartmentOrPronounForAFirm() {
        assertThat(SelfIntroduction.firm("Welcome everyone. This is Bensoul from Investor Relations.")).isEmpty();
        assertThat(SelfIntroduction.firm("Right. Thank you, Bobby. This is Iv, I'll take that question.")).isEmpty();
        assertThat(SelfIntroduction.firm("We spoke to a customer at Ford about this.")).isEmpty();
    }

    @Test
    void readsAFirmAndTitleAfterANameAndAComma() {
        assertThat(SelfIntroduction.firmAndTitle("Good morning. My name is Indira Diaz, Cementos Argos IRO, and I "
                + "welcome you to our first quarter call.")).contains("Cementos Argos IRO");
    }
}
