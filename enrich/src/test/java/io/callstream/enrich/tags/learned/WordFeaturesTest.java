package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordFeaturesTest {

    @Test
    void readsWordsButFunctionWordsAndNeighbouringPairsButPairsOfFunctionWords() {
        // each word, then the pair it closes
        assertThat(WordFeatures.of("We expect the price increase to hold."))
                .containsExactly("expect", "we expect", "expect the", "price", "the price", "increase",
                        "price increase", "increase to", "hold", "to hold");
    }

    @Test
    void lowerCasesKeepsTheMarksInsideWordsAndReadsEachFeatureOnceInTheOrderItFirstOccurs() {
        assertThat(WordFeatures.of("M&A, M&A and E-Commerce's 2021 margin; margin."))
                .containsExactly("m&a", "m&a m&a", "m&a and", "e-commerce's", "and e-commerce's", "margin",
                        "e-commerce's margin", "margin margin");
    }

    @Test
    void readsNothingInASentenceOfFunctionWordsOrNoWords() {
        assertThat(WordFeatures.of("And so it is.")).isEmpty();
        assertThat(WordFeatures.of("2021 -- 42%")).isEmpty();
    }

    @Test
    void readsATypographicApostropheAsTheTrainingTextsOneAndLettersOfAnyAlphabet() {
        assertThat(WordFeatures.of("We don\u2019t see Nestl\u00e9\u2019s pricing"))
                .isEqualTo(WordFeatures.of("We don't see Nestl\u00e9's pricing"))
                .containsExactly("don't", "we don't", "see", "don't see", "nestl\u00e9's", "see nestl\u00e9's",
                        "pricing", "nestl\u00e9's pricing");
    }
}
