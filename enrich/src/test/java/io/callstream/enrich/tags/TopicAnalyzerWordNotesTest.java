package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicAnalyzer.WordNotes}: a reader's note beside a word is read back whenever the word, as the tokenizer cut
 * it, comes again, in any later text; and it is never read back for another word, by another reader, or once the
 * analyzer has forgotten the words it remembered.
 */
class TopicAnalyzerWordNotesTest {

    private final TopicAnalyzer analyzer = new TopicAnalyzer();
    private final Object reader = new Object();

    @Test
    void aNoteIsReadBackWhenTheSameWordComesAgainInALaterText() throws IOException {
        assertThat(read("we are raising prices.", term -> "noted " + term)).containsOnlyNulls();

        // "Prices" is not "prices", and the filler is no word.
        assertThat(read("Prices we are raising, uh, again.", term -> null))
                .containsExactly(null, "noted we", "noted are", "noted raise", null);
    }

    @Test
    void aNoteBelongsToTheWordAsWrittenNotToWhatTheAnalyzerMakesOfIt() throws IOException {
        read("Raising", word -> "noted Raising");

        assertThat(read("raising Raising", word -> null)).containsExactly(null, "noted Raising");
    }

    @Test
    void anotherReaderSeesNoNoteAndItsNotesReplaceTheFirstReaders() throws IOException {
        read("capital", word -> "first's");
        Object other = new Object();

        assertThat(read(other, "capital", word -> "other's")).containsOnlyNulls();
        assertThat(read(reader, "capital", word -> null)).containsOnlyNulls();
    }

    @Test
    void notesAreForgottenWithTheWordsWhenTheAnalyzerStartsAgain() throws IOException {
        read("capital", word -> "noted");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("w").append(Integer.toString(i, 36)).append(' ');
        }
        read(many.toString(), word -> null);

        assertThat(read("capital", word -> null)).containsOnlyNulls();
    }

    private List<Object> read(String text, java.util.function.Function<String, Object> noteFor) throws IOException {
        return read(reader, text, noteFor);
    }

    /**
     * The note found beside each word of {@code text}; each word without one gets {@code noteFor}'s of its term (what
     * the analyzer makes of it), if any.
     */
    private List<Object> read(Object by, String text, java.util.function.Function<String, Object> noteFor)
            throws IOException {
        List<Object> found = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(TopicAnalyzer.FIELD, text)) {
            TopicAnalyzer.WordNotes notes = (TopicAnalyzer.WordNotes) stream;
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                Object noted = notes.noted(by);
                found.add(noted);
                if (noted == null) {
                    Object note = noteFor.apply(term.toString());
                    if (note != null) {
                        notes.note(by, note);
                    }
                }
            }
            stream.end();
        }
        return found;
    }
}
