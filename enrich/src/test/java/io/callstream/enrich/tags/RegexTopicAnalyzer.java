package io.callstream.enrich.tags;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * {@link TopicAnalyzer} as it was before its sentence ends and stems were made cheaper, kept word for word as the
 * reference the new chain is compared with ({@code TopicAnalyzerEquivalenceTest}, {@code SentenceEndsTest}): the
 * sentence ends found by a regular expression and marked by a char filter, KStem then the minimal stemmer on every
 * word.
 */
final class RegexTopicAnalyzer extends Analyzer {

    /** The one field a turn's text is indexed in, and the default field of rule queries. */
    // The same field, fillers, gap and sentence ends as TopicAnalyzer: only the way the chain applies them differs.
    static final String FIELD = TopicAnalyzer.FIELD;
    static final CharArraySet FILLERS = TopicAnalyzer.FILLERS;
    static final int SENTENCE_GAP = TopicAnalyzer.SENTENCE_GAP;
    static final Pattern SENTENCE_END = TopicAnalyzer.SENTENCE_END;

    /** A word no transcript holds, put where a sentence ends and taken out again, leaving the gap. */
    private static final String SENTENCE_MARK = "xxsentenceendxx";

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        // A char filter keeps the offsets of every word pointing into the original text.
        return new PatternReplaceCharFilter(SENTENCE_END, "$0 " + SENTENCE_MARK + " ", reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new SentenceGapFilter(source);
        stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new FillerFilter(stream);
        stream = new KStemFilter(stream);
        stream = new EnglishMinimalStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** Takes out the sentence marks and adds their gap to the next word's position increment. */
    private static final class SentenceGapFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private boolean sawWord;

        SentenceGapFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            int gap = 0;
            while (input.incrementToken()) {
                if (SENTENCE_MARK.contentEquals(term)) {
                    gap = sawWord ? SENTENCE_GAP : 0;
                    continue;
                }
                sawWord = true;
                position.setPositionIncrement(position.getPositionIncrement() + gap);
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            sawWord = false;
        }
    }

    /**
     * Drops fillers and closes the gap they leave: the next word takes the filler's position. Lucene's
     * {@code StopFilter} would keep the gap, and a phrase across a filler would then fail. A sentence gap the
     * filler carried ("... this year. Uh, we ...") passes to the next word.
     */
    private static final class FillerFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);

        FillerFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            int carried = 0;
            while (input.incrementToken()) {
                if (!FILLERS.contains(term.buffer(), 0, term.length())) {
                    position.setPositionIncrement(position.getPositionIncrement() + carried);
                    return true;
                }
                carried += position.getPositionIncrement() - 1;
            }
            return false;
        }
    }
}
