package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;

/** {@link Blanks}' hand-written scans give what the regexes they stand for give, on real and random texts. */
class BlanksTest {

    @Test
    void collapsesAsTheRegexDoesOnRealLinesAndOnEveryKindOfBlank() {
        List<String> texts = new ArrayList<>(List.of("", " ", "  ", "a b", "a  b", "a\tb", "a\nb", "a\u000Bb", "a\fb",
                "a\rb", " a ", "a \t b", "a\u00A0b", "a\u2003b", "\t"));
        texts.addAll(TurnLines.linesAndTurns());
        texts.addAll(RandomTexts.of(14, "ab .\t\n\u000B\f\r\u00A0", 2_000, 12));
        int changed = 0;
        for (String text : texts) {
            String expected = text.replaceAll("\\s+", " ");
            assertThat(Blanks.collapse(text)).as("[%s]", text).isEqualTo(expected);
            changed += expected.equals(text) ? 0 : 1;
        }
        assertThat(changed).as("texts with blanks to collapse").isGreaterThan(100);
    }

    @Test
    void findsTwoWordsApartExactlyWhereTheRegexDoes() {
        List<String> texts = new ArrayList<>(List.of("go ahead", "goahead", "go  ahead", "go\tahead", "ago\nahead",
                "go\u00A0ahead", "ahead go ahead", "go ahea", "o ahead", " ahead", "go", "", "ahead go", "go ahead go"));
        texts.addAll(TurnLines.linesAndTurns());
        texts.addAll(RandomTexts.of(17, "goahed \t\n\u000B", 5_000, 14));
        java.util.regex.Pattern apart = java.util.regex.Pattern.compile("go\\s+ahead");
        int found = 0;
        for (String text : texts) {
            boolean expected = apart.matcher(text).find();
            assertThat(Blanks.holdsWordsApart(text, "go", "ahead")).as("[%s]", text).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).as("texts holding the words apart").isGreaterThan(TurnLines.floor(20, 3));
    }
}
