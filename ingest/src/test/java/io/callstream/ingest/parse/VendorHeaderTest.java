package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VendorHeaderTest {

    @Test
    void readsNameAndAffiliation() {
        assertThat(VendorHeader.parse("Elon Reeve Musk - Tesla, Inc."))
                .contains(new VendorHeader("Elon Reeve Musk", "Tesla, Inc."));
        assertThat(VendorHeader.parse("Jeffrey B. Straubel - Tesla, Inc."))
                .contains(new VendorHeader("Jeffrey B. Straubel", "Tesla, Inc."));
    }

    @Test
    void keepsAbbreviationsAndParenthesesInTheAffiliation() {
        assertThat(VendorHeader.parse("Tyler Charles Frank - Robert W. Baird & Co., Inc. (Private Wealth Management)"))
                .contains(new VendorHeader("Tyler Charles Frank",
                        "Robert W. Baird & Co., Inc. (Private Wealth Management)"));
    }

    @Test
    void splitsAtTheFirstSeparatorBecauseOnlyAffiliationsCarryOne() {
        assertThat(VendorHeader.parse("Jane van der Berg - Acme Corp. - Research Division"))
                .contains(new VendorHeader("Jane van der Berg", "Acme Corp. - Research Division"));
    }

    @Test
    void readsOperatorWithoutAffiliation() {
        assertThat(VendorHeader.parse("Operator")).contains(new VendorHeader("Operator", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "he's well positioned to -",
        "And our next question -",
        "So, let's see. I think – yeah.",
        "Right - thanks a lot.",
        "Thanks - Good evening, gentlemen.",
        "Model S - Great question. We will see.",
        "Elon Musk - is that coming up in your meetings?",
        "Question-and-Answer Session",
        "Operator.",
        "Speaker 1",
        "Monro Inc fiscal Q3 earnings call - Earnings-21 file 4320211 (Consumer Goods), audio 54:46",
    })
    void rejectsSpeechAndOtherLinesThatAreNotHeaders(String line) {
        assertThat(VendorHeader.parse(line)).isEmpty();
    }
}
