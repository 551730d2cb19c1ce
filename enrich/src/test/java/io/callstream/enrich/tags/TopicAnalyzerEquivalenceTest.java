package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicAnalyzer} gives exactly the token stream of the chain it replaced ({@link RegexTopicAnalyzer}): every
 * word's term, position increment, offsets and type, and the final offset and increment after the last, on every
 * turn of the shared calls (as read and as blanked), on fuzzed texts of sentence marks, quotes, brackets, '%',
 * "U.S.", fillers, odd and long words, and on every query of the shipped taxonomies. Each text is read from a
 * string, as the matchers read it, and from a reader that hands out one character at a time, so that sentence ends
 * noted while the tokenizer reads are still in time however its reads are cut.
 */
class TopicAnalyzerEquivalenceTest {

    private static Analyzer analyzer;
    private static Analyzer reference;

    @BeforeAll
    static void buildAnalyzers() {
        analyzer = new TopicAnalyzer();
        reference = new RegexTopicAnalyzer();
    }

    @AfterAll
    static void closeAnalyzers() {
        analyzer.close();
        reference.close();
    }

    @Tag("sweep")
    @Test
    void everyTurnOfTheSharedCallsAnalysesAsBefore() {
        List<TurnLines.Call> calls = new ArrayList<>(TurnLines.shared());
        calls.add(TurnLines.tesla());
        long words = 0;
        for (TurnLines.Call call : calls) {
            for (List<String> lines : call.turns()) {
                String turn = String.join(" ", lines);
                words += assertSameTokens(turn);
                String blanked = SafeHarbourSentences.blank(turn);
                if (!blanked.equals(turn)) {
                    assertSameTokens(blanked);
                }
            }
        }
        assertThat(words).isPositive();
    }

    @Test
    void fuzzedTextsAnalyseAsBefore() {
        Random random = SeededRandom.of("TopicAnalyzerEquivalenceTest");
        int compared = 0;
        for (int i = 0; i < 30_000; i++) {
            String text = SentenceEndsTest.fuzzed(random, 1 + random.nextInt(40));
            // A text with an unpaired surrogate never reaches the analyzer: the assembler dead-letters it (EventText),
            // since Avro has no UTF-8 form for it. The two chains may read one differently (one ending in a lone
            // high surrogate did), and nothing depends on how.
            if (!wellFormed(text)) {
                continue;
            }
            assertSameTokens(text);
            compared++;
        }
        assertThat(compared).as("well-formed texts compared").isGreaterThan(10_000);
    }

    /** Whether every surrogate of {@code text} is half of a pair. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theShippedQueriesAnalyseAsBefore() {
        for (Taxonomy taxonomy : TaxonomySet.defaults().all()) {
            for (TopicRule topic : taxonomy.topics()) {
                for (TopicRule.QueryLine line : topic.queries()) {
                    // Every quoted phrase and bare word as the query parser hands it to the analyzer.
                    for (String piece : line.query().split("\"")) {
                        assertSameTokens(piece);
                    }
                }
            }
        }
    }

    @Test
    void wordsMetAgainAndWordsAfterTheRememberedOnesStartOverAnalyseAsBefore() {
        // A fresh analyzer, so that the first reading of each word is the Lucene filters' and the second a lookup.
        try (Analyzer fresh = new TopicAnalyzer()) {
            String forms = "Tesla's TESLA’S tesla Uh, uh UH um. Raised raising RAISED suppliers Suppliers' costs "
                    + "Orders orders' the The THE x's 's";
            List<String> expected = tokens(reference, forms, false);
            assertThat(tokens(fresh, forms, false)).as("first reading").isEqualTo(expected);
            assertThat(tokens(fresh, forms, false)).as("second reading").isEqualTo(expected);
            // More distinct words than are remembered (16,384), with endings the stemmers and filters change, then
            // the same again: read after the table started over, some more than once.
            String[] endings = {"", "s", "ing", "ed", "'s", "ers", "ies"};
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 20_000; i += 100) {
                StringBuilder text = new StringBuilder();
                for (int j = i; j < i + 100; j++) {
                    text.append(j % 3 == 0 ? "Q" : "q").append(Integer.toString(j, 26).replace('0', 'z'))
                            .append(endings[j % endings.length]).append(j % 10 == 9 ? ". " : " ");
                }
                texts.add(text.toString());
            }
            for (int pass = 0; pass < 2; pass++) {
                for (String text : texts) {
                    assertThat(tokens(fresh, text, false)).as("\"%s\"", text).isEqualTo(tokens(reference, text, false));
                }
            }
        }
    }

    private static int assertSameTokens(String text) {
        List<String> expected = tokens(reference, text, false);
        assertThat(tokens(analyzer, text, false)).as("\"%s\"", text).isEqualTo(expected);
        assertThat(tokens(analyzer, text, true)).as("\"%s\" a character at a time", text).isEqualTo(expected);
        return expected.size();
    }

    /** Every attribute a consumer reads, token by token, then as {@code end()} leaves them. */
    static List<String> tokens(Analyzer analyzer, String text, boolean oneCharacterAtATime) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = oneCharacterAtATime ? analyzer.tokenStream(TopicAnalyzer.FIELD, trickle(text))
                : analyzer.tokenStream(TopicAnalyzer.FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + " +" + increment.getPositionIncrement() + " [" + offsets.startOffset() + ","
                        + offsets.endOffset() + ") " + type.type());
            }
            stream.end();
            tokens.add("end +" + increment.getPositionIncrement() + " [" + offsets.startOffset() + ","
                    + offsets.endOffset() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static Reader trickle(String text) {
        return new StringReader(text) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
    }
}
