package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceSpansTest {

    @Test
    void blankReadsEveryCharAndSurrogatePairAsStringIsBlankDoes() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = " " + c + " ";
            assertThat(EvidenceSpans.blank(one, 0, one.length())).as("U+%04X", (int) c).isEqualTo(one.isBlank());
            assertThat(EvidenceSpans.blank(one, 1, 2)).as("U+%04X alone", (int) c).isEqualTo(one.substring(1, 2).isBlank());
        }
        for (int codePoint = 0x10000; codePoint <= Character.MAX_CODE_POINT; codePoint += 0x7F) {
            String pair = " " + Character.toString(codePoint) + "\t";
            assertThat(EvidenceSpans.blank(pair, 0, pair.length())).isEqualTo(pair.isBlank());
        }
        assertThat(EvidenceSpans.blank("a \u2003\n\u3000b", 1, 5)).isTrue();
        assertThat(EvidenceSpans.blank("a \u00A0 b", 1, 4)).isEqualTo(" \u00A0 ".isBlank());
    }
}
