package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The word starts of a growing text found from the last text's ({@link StartScan.WordStarts#extendedTo}) are those
 * found afresh, wherever the cut between the texts falls: inside a word, between a letter and a digit, before a
 * mark, after '_', beside letters and signs outside ASCII.
 */
class WordStartsTest {

    private static final String ALPHABET = "ab9_ .$-\u2212\u20ac\u00e9\u2019\u0663\u00a0,\ud835\udc00";

    @Test
    void aTextExtendedPieceByPieceHasTheWordStartsOfTheWholeText() {
        long compared = 0;
        for (String text : RandomTexts.of(20261206, ALPHABET, 3000, 40)) {
            for (int cut = 0; cut <= text.length(); cut++) {
                for (int second = cut; second <= text.length(); second += 3) {
                    StartScan.WordStarts grown = new StartScan.WordStarts(text.substring(0, cut), 0, cut)
                            .extendedTo(text.substring(0, second)).extendedTo(text);
                    assertThat(grown.text()).isSameAs(text);
                    assertThat(grown.from()).isZero();
                    assertThat(grown.to()).isEqualTo(text.length());
                    assertThat(offsets(grown)).as("\"%s\" grown at %d and %d", text, cut, second)
                            .isEqualTo(offsets(new StartScan.WordStarts(text, 0, text.length())));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void extendingTheSameStretchTwiceLeavesTheFirstExtensionAsItWas() {
        StartScan.WordStarts start = new StartScan.WordStarts("we grew", 0, 7);
        StartScan.WordStarts first = start.extendedTo("we grew 5% and");
        List<Integer> firstOffsets = offsets(first);
        StartScan.WordStarts second = start.extendedTo("we grew, $9 more");

        assertThat(offsets(first)).isEqualTo(firstOffsets).containsExactly(0, 3, 8, 11);
        assertThat(offsets(second)).isEqualTo(offsets(new StartScan.WordStarts("we grew, $9 more", 0, 16)))
                .containsExactly(0, 3, 9, 10, 12);
        assertThat(offsets(start)).containsExactly(0, 3);
    }

    @Test
    void aStretchStartingInsideItsTextKeepsItsStartWhenExtended() {
        StartScan.WordStarts grown = new StartScan.WordStarts("we grew", 4, 7).extendedTo("we grew 5% in Q4");

        assertThat(grown.from()).isEqualTo(4);
        assertThat(offsets(grown)).isEqualTo(offsets(new StartScan.WordStarts("we grew 5% in Q4", 4, 16)))
                .containsExactly(8, 11, 14);
    }

    @Test
    void onlyAStretchReachingItsTextsEndExtends() {
        assertThatThrownBy(() -> new StartScan.WordStarts("we grew", 0, 4).extendedTo("we grew more"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Integer> offsets(StartScan.WordStarts words) {
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < words.count(); k++) {
            offsets.add(words.offset(k));
        }
        return offsets;
    }
}
