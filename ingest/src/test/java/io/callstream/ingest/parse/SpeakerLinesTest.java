package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.ingest.parse.SpeakerLines.NameAndAffiliation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeakerLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Tesla Inc - CEO", "Carver Hale & Co. - Analyst", "Analyst - Carver Hale & Co.",
            "J.R. Whitby & Co., Inc. - Equity Research Analyst", "Brightwater Logistics Inc - EVP, Finance - Americas"})
    void readsCompanyTitleLines(String line) {
        assertThat(SpeakerLines.isCompanyTitle(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tesla Inc", "We grew in Memphis - and Dallas", "It was a great year - Really.",
            "Is that right - Marcus?", "Revenue rose - Margins fell; cash grew"})
    void takesOtherLinesForNoCompanyTitle(String line) {
        assertThat(SpeakerLines.isCompanyTitle(line)).isFalse();
    }

    @Test
    void dropsBulletsAndRunningNumbers() {
        assertThat(SpeakerLines.clean("* Elon Musk [3]")).isEqualTo("Elon Musk");
        assertThat(SpeakerLines.clean("Operator [1]")).isEqualTo("Operator");
    }

    @Test
    void splitsNameAndCompanyTitleAtTheFirstComma() {
        assertThat(SpeakerLines.combined("Meera Shah, J.R. Whitby & Co., Inc. - Analyst"))
                .contains(new NameAndAffiliation("Meera Shah", "J.R. Whitby & Co., Inc. - Analyst"));
        assertThat(SpeakerLines.combined("Well, Tesla Inc - CEO")).isEmpty();
    }
}
