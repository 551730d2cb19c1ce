package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The hand-written line split and blank collapse give what the regexes they replace give, on random texts of the
 * characters those regexes judge (every line break, every kind of Unicode white space and characters close to them)
 * and on every character of the Basic Multilingual Plane.
 */
class LineBreaksAndBlanksTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String ALPHABET = "ab \t\n\u000B\f\r\u001C\u001F\u0085\u00A0\u1680\u2000\u200A\u200B\u2028"
            + "\u2029\u202F\u205F\u3000\uFEFF\u2013\u00e9\ud835\udc00";

    @Test
    void splitsAtTheLineBreaksTheRegexSplitsAt() {
        for (String text : texts(20261206)) {
            assertThat(LineBreaks.split(text)).as("\"%s\"", text.replace("\r", "\\r").replace("\n", "\\n"))
                    .containsExactly(text.split("\\R", -1));
        }
        assertThat(LineBreaks.split("")).containsExactly("");
        assertThat(LineBreaks.split("\r\n\r")).containsExactly("", "", "");
    }

    @Test
    void collapsesBlanksAsTheUnicodeRegexDoes() {
        int changed = 0;
        for (String text : texts(20261207)) {
            String expected = WHITESPACE.matcher(text).replaceAll(" ").strip();
            assertThat(UnicodeBlanks.collapse(text)).as("\"%s\"", text).isEqualTo(expected);
            assertThat(UnicodeBlanks.collapse(new StringBuilder(text))).isEqualTo(expected);
            changed += expected.equals(text.strip()) ? 0 : 1;
        }
        assertThat(changed).as("texts the regex changes beyond strip()").isGreaterThan(1000);
    }

    @Test
    void judgesEveryCharacterAsTheUnicodeRegexDoes() {
        Pattern one = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(UnicodeBlanks.isWhiteSpace(c)).as("U+%04X", (int) c)
                    .isEqualTo(one.matcher(String.valueOf(c)).matches());
        }
    }

    private static List<String> texts(long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
