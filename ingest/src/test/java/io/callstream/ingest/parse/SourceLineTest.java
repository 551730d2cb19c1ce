package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class SourceLineTest {

    @Test
    void numbersLinesFromOneWhateverTheLineEndings() {
        assertThat(SourceLine.split("a\r\nb\nc\rd")).extracting(SourceLine::number, SourceLine::text)
                .containsExactly(
                        Tuple.tuple(1, "a"),
                        Tuple.tuple(2, "b"),
                        Tuple.tuple(3, "c"),
                        Tuple.tuple(4, "d"));
    }

    @Test
    void collapsesSpacesTabsAndNoBreakSpacesAndDropsAByteOrderMark() {
        assertThat(SourceLine.split("\uFEFF  Elon  Musk \t--\u00A0 CEO  ")).singleElement()
                .extracting(SourceLine::text).isEqualTo("Elon Musk -- CEO");
    }

    @Test
    void makesALineOfSpacesBlank() {
        assertThat(SourceLine.split(" ").get(0).isBlank()).isTrue();
    }

    @Test
    void trustsEveryLineOfAHeadButTheLastWhichMayBeCut() {
        assertThat(SourceLine.completeLines("Operator\nHello the")).extracting(SourceLine::text)
                .containsExactly("Operator");
        assertThat(SourceLine.completeLines("Operator\n")).extracting(SourceLine::text)
                .containsExactly("Operator");
    }
}
