package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrowingTextTest {

    @Test
    void aTextExtendsTheLastExactlyWhenItStartsWithIt() {
        String[] texts = {"", "a", "ab", "abc", "abd", "b", "\u00e9t\u00e9", "\u00e9t", "\u20ac1", "\u20ac", "a\uD83D\uDE00",
                "a\uD83D", "Revenue grew. ", "Revenue grew. We"};
        for (String text : texts) {
            for (String previous : texts) {
                assertThat(GrowingText.extendsText(text, previous)).as("\"%s\" after \"%s\"", text, previous)
                        .isEqualTo(text.startsWith(previous));
            }
        }
    }
}
