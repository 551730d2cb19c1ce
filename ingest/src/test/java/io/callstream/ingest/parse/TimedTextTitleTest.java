package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimedTextTitleTest {

    @Test
    void readsCompanyAndFiscalQuarterFromAnEarnings21Title() {
        assertThat(TimedTextTitle.hints("Monro Inc fiscal Q3 earnings call - Earnings-21 file 4320211 (Consumer Goods),"
                + " audio 54:46; Rev reference transcript (verbatim style)"))
                .isEqualTo(new CallHints("Monro Inc", null, "Q3", null));
    }

    @Test
    void keepsTheCompanyAsWrittenWithAllItsWords() {
        assertThat(TimedTextTitle.hints("Bed Bath and Beyond Inc fiscal Q3 earnings call - Earnings-21 file 4397829"))
                .isEqualTo(new CallHints("Bed Bath and Beyond Inc", null, "Q3", null));
    }

    @Test
    void readsTheListingCodeOfAnEarnings22TitleAsTheTicker() {
        assertThat(TimedTextTitle.hints("TLK (Indonesia) earnings call - Earnings-22 file 4351517, speech spans 00:04-54:51"))
                .isEqualTo(new CallHints(null, "TLK", null, null));
        assertThat(TimedTextTitle.hints("TXN (United States) earnings call - Earnings-22 file 4462231"))
                .isEqualTo(new CallHints(null, "TXN", null, null));
    }

    @Test
    void readsQuarterAndYearFromACommonTitle() {
        assertThat(TimedTextTitle.hints("Acme Corp Q3 2021 Earnings Call"))
                .isEqualTo(new CallHints("Acme Corp", null, "2021-Q3", null));
        assertThat(TimedTextTitle.hints("Acme Corp Q3 earnings call - test fixture"))
                .isEqualTo(new CallHints("Acme Corp", null, "Q3", null));
    }

    @Test
    void givesNoHintsForATitleOfAnotherShape() {
        assertThat(TimedTextTitle.hints("Second quarter 2021 earnings call")).isEqualTo(CallHints.NONE);
        assertThat(TimedTextTitle.hints("Conference call transcript")).isEqualTo(CallHints.NONE);
        assertThat(TimedTextTitle.hints(null)).isEqualTo(CallHints.NONE);
    }
}
