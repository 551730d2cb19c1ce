package io.callstream.enrich.tags;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * How turn text and topic queries are cut into words, one chain for both so that a rule and a turn stem alike:
 * Unicode word boundaries, possessives dropped ("Tesla's" → "tesla"), lower case, spoken fillers dropped, Krovetz
 * stemming ("raising", "raised" → "raise"; "suppliers" → "supplier"), then plurals folded (KStem leaves words it
 * knows as nouns, such as "costs", "orders" and "expenses", as they are).
 *
 * <p>Krovetz (KStem), not Porter: Porter's stems collide across topics in earnings calls ("productivity",
 * "production" and "products" → "product"; "succession" and "successful" → "success"; "reservations" and
 * "reserves" → "reserv"; "dilution" and "diluted" → "dilut"), so a rule on one would fire on the other. KStem
 * only undoes inflection, into dictionary words. The price is that "orders" is "order", as in "in order to": rules
 * about orders say which ("new orders", "order book").
 *
 * <p>Unlike Lucene's {@code EnglishAnalyzer} it keeps stop words: "the end of the year" and "in the quarter" are
 * phrases rules need, and a stop filter would leave holes in them. Fillers of verbatim transcripts ("uh", "um")
 * are removed without a hole, so that "raise, uh, capital" still matches the phrase "raise capital". The end of a
 * sentence ({@link SentenceEnds}), on the contrary, is a wide hole ({@link #SENTENCE_GAP} positions), so that a proximity query such as
 * {@code "raise capital"~3} does not join the last word of one sentence to the first of the next ("the targets we
 * have raised. So that's the capital ...").
 */
final class TopicAnalyzer extends Analyzer {

    /** The one field a turn's text is indexed in, and the default field of rule queries. */
    static final String FIELD = "text";

    /** Hesitation sounds of verbatim transcripts (Earnings-21/22 write them out); never words of a topic. */
    private static final List<String> FILLER_WORDS =
            List.of("uh", "um", "uhm", "umm", "uhh", "er", "erm", "hmm", "mm", "mhm");
    static final CharArraySet FILLERS = CharArraySet.unmodifiableSet(new CharArraySet(FILLER_WORDS, false));
    /** No longer word is a filler: most words need no lookup. */
    private static final int LONGEST_FILLER = FILLER_WORDS.stream().mapToInt(String::length).max().orElse(0);

    /** Positions between the last word of a sentence and the first of the next: more than any rule's slop. */
    static final int SENTENCE_GAP = 100;

    /**
     * Where a sentence ends, as a regular expression: see {@link SentenceEnds}, which finds the same ends at a
     * fraction of the cost. Still the rule for a text with a high surrogate ({@link SentenceEndFilter}).
     */
    static final Pattern SENTENCE_END =
            Pattern.compile("(?<=[\\p{Ll}\\p{N})\\]\"'\u2019\u201D%])[.!?]+(?=\\s)|(?<=\\S)[!?]+(?=\\s)");

    /** A word no transcript holds, put where a sentence ends and taken out again, leaving the gap. */
    private static final String SENTENCE_MARK = "xxsentenceendxx";

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new SentenceEndFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        WordFilter words = new WordFilter(source);
        SentenceEndFilter.Room room = new SentenceEndFilter.Room();
        return new TokenStreamComponents(reader -> {
            // Always the reader of initReader: Analyzer hands each text through it before it reaches the tokenizer.
            SentenceEndFilter text = (SentenceEndFilter) reader;
            text.room = room;
            words.ends = text.ends;
            source.setReader(reader);
        }, words);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /**
     * A note a reader of the analyzer's words keeps beside each word the analyzer remembers ({@link Words}), read
     * back whenever the word comes again: what the reader makes of a word is then one array read, not a lookup of
     * the word's characters of its own. A note belongs to the word as the tokenizer cut it, so it must be a function
     * of what the analyzer makes of that word. The token stream of {@link #tokenStream} is one: it notes for one
     * reader at a time, and forgets the notes when another notes, or when it forgets the words.
     */
    interface WordNotes {

        /** What {@code reader} noted beside the word just read, or null: none yet, or the word is not remembered. */
        Object noted(Object reader);

        /** Notes {@code note} beside the word just read, when it is remembered. */
        void note(Object reader, Object note);
    }

    /**
     * Notes where the sentences of a text end, for the sentence gaps of {@link WordFilter}, and hands the text on
     * unchanged, so the offsets of its words are the text's own, with neither a regular expression over every
     * character nor offset corrections for every word, which {@link PatternReplaceCharFilter} putting {@link #SENTENCE_MARK} at each end
     * (as this analyzer once did) costs.
     *
     * <p>The tokenizer then reads the same words and gaps: the marker and its blanks went in after the marks, before
     * the blank that ends the sentence, and no word of {@link StandardTokenizer} holds a blank, so the words on both
     * sides are cut alike, the marker alone is extra, and the gap filter took it out, as it now takes out nothing.
     * Save for one thing: how the tokenizer (JFlex) reads a high surrogate depends on where its reads of the text end
     * (one ending a read of a text that ends there makes it drop that whole read, a JFlex quirk), and the marker moved
     * those ends. So a text with a high surrogate anywhere (rare in a transcript: an emoji) is marked as before,
     * through the very char filter, and read as before to the last quirk. The text is read whole first to know, as
     * that char filter reads it.
     */
    private static final class SentenceEndFilter extends CharFilter {

        /**
         * The array texts are read whole into, kept by the components from text to text (they read one at a time):
         * a text read is not a new array, nor copies of it as it grows.
         */
        static final class Room {
            char[] chars = new char[256];
        }

        /** The sentence ends of the text, empty when it is marked instead. */
        final SentenceEnds ends = new SentenceEnds();
        /** Where to read the text, set before it is read; null for a filter outside this analyzer's components. */
        Room room;
        private char[] text;
        private int length;
        private int handedOn;
        /** The text with its sentence ends marked as before, or null. */
        private CharFilter marked;

        SentenceEndFilter(Reader input) {
            super(input);
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            if (text == null) {
                readWhole();
            }
            if (marked != null) {
                return marked.read(buffer, offset, count);
            }
            if (handedOn == length) {
                return count == 0 ? 0 : -1;
            }
            // As a string's reader: as much as asked, up to the end, which is also how the char filter answered.
            int n = Math.min(count, length - handedOn);
            System.arraycopy(text, handedOn, buffer, offset, n);
            handedOn += n;
            return n;
        }

        private void readWhole() throws IOException {
            text = room != null ? room.chars : new char[256];
            int read;
            while ((read = input.read(text, length, text.length - length)) != -1) {
                length += read;
                if (length == text.length) {
                    text = java.util.Arrays.copyOf(text, length * 2);
                }
            }
            if (room != null) {
                room.chars = text;
            }
            // The ends before a high surrogate are noted, as when each char was read and noted in turn.
            int surrogate = ends.readBeforeHighSurrogate(text, length);
            if (surrogate < length) {
                marked = new PatternReplaceCharFilter(SENTENCE_END, "$0 " + SENTENCE_MARK + " ",
                        new java.io.CharArrayReader(text, 0, length));
            }
        }

        @Override
        protected int correct(int offset) {
            return marked != null ? marked.correctOffset(offset) : offset;
        }
    }

    /**
     * Everything after the tokenizer, in one filter: one call per word, where a chain of filters made five.
     *
     * <p>First the sentence gap: it is added to the position increment of the first word after a sentence end,
     * after an end that {@link SentenceEndFilter} noted at or before the word's start, or after a word that is
     * {@link #SENTENCE_MARK} (taken out). None before the first word. The gap replaces, not adds to, what ended the
     * sentence, however many ends there were. A filler is a word here: it takes the gap, and passes it on below.
     *
     * <p>Then possessives dropped, lower case, fillers dropped, then KStem and the minimal stemmer (which folds the
     * plurals KStem leaves), in one step per word, remembered word by word. Each of these reads the word alone (its
     * characters; no keyword attribute is set in this chain, which the stemmers would honour), so a word comes out
     * the same wherever it stands, and the outcome for a word met before is the one computed then: one lookup of
     * the word as the tokenizer cut it instead of four filters, each a call per word, and KStem's dictionary probes.
     * On a word not met yet the Lucene filters themselves run, on a stream of that one word
     * ({@link EnglishPossessiveFilter} and {@link LowerCaseFilter}, then the stemmers), so the words are theirs by
     * construction; only the filler test is this class's, as it was when it was a filter of its own.
     *
     * <p>A filler is dropped without a hole: the next word takes its position, so a phrase across it still matches
     * ("raise, uh, capital"); Lucene's {@code StopFilter} would keep the gap. A sentence gap the filler carried
     * ("... this year. Uh, we ...") passes to the next word.
     *
     * <p>Per instance, as Analyzer keeps an instance per thread: no locking, nothing shared.
     */
    private static final class WordFilter extends TokenFilter implements WordNotes {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        /** The sentence ends of the text being read, noted before its first word is read. */
        SentenceEnds ends;
        /** How many of {@link #ends} lie before the last word read. */
        private int passed;
        /** Whether a word (a filler too) was read since the text's start. */
        private boolean sawWord;
        private final Words words = new Words();
        private final OneWord raw = new OneWord();
        private final CharTermAttribute folded = raw.getAttribute(CharTermAttribute.class);
        private final TokenStream folders = new LowerCaseFilter(new EnglishPossessiveFilter(raw));
        private final OneWord word = new OneWord();
        private final CharTermAttribute stemmed = word.getAttribute(CharTermAttribute.class);
        private final TokenStream stemmers = new EnglishMinimalStemFilter(new KStemFilter(word));

        WordFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            int carried = 0;
            boolean ended = false;
            while (input.incrementToken()) {
                // Offsets are the text's own, as the ends are, unless the text was marked, and then there are no ends.
                int start = offset.startOffset();
                while (passed < ends.count() && ends.end(passed) <= start) {
                    passed++;
                    ended = true;
                }
                // The length first: String.contentEquals asks what kind of sequence the term is before it compares.
                if (term.length() == SENTENCE_MARK.length() && SENTENCE_MARK.contentEquals(term)) {
                    ended = true;
                    continue;
                }
                if (ended && sawWord) {
                    position.setPositionIncrement(position.getPositionIncrement() + SENTENCE_GAP);
                }
                sawWord = true;
                ended = false;
                char[] buffer = term.buffer();
                int length = term.length();
                int outcome = words.find(buffer, length);
                if (outcome >= 0) {
                    char[] entries = words.entries();
                    char kind = entries[outcome];
                    if (kind == Words.FILLER) {
                        carried += position.getPositionIncrement() - 1;
                        continue;
                    }
                    if (kind != Words.UNCHANGED) {
                        term.copyBuffer(entries, outcome + 1, kind);
                    }
                } else {
                    char[] key = java.util.Arrays.copyOf(buffer, length);
                    char[] out = read(key);
                    words.put(key, out);
                    if (out == null) {
                        carried += position.getPositionIncrement() - 1; // a filler
                        continue;
                    }
                    // A word that comes out as it went in (the same array) stays as it is.
                    if (out != key) {
                        term.copyBuffer(out, 0, out.length);
                    }
                }
                if (carried != 0) {
                    position.setPositionIncrement(position.getPositionIncrement() + carried);
                }
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            passed = 0;
            sawWord = false;
        }

        @Override
        public Object noted(Object reader) {
            return words.noted(reader);
        }

        @Override
        public void note(Object reader, Object note) {
            words.note(reader, note);
        }

        /** What the filters make of {@code key}: null for a filler, {@code key} itself when they leave it. */
        private char[] read(char[] key) throws IOException {
            char[] folding = run(folders, raw, folded, key);
            if (folding.length <= LONGEST_FILLER && FILLERS.contains(folding, 0, folding.length)) {
                return null;
            }
            char[] stem = run(stemmers, word, stemmed, folding);
            return java.util.Arrays.equals(stem, key) ? key : stem;
        }

        /** The one word {@code stream} makes of {@code in}: {@code in} itself when it leaves it as it is. */
        private static char[] run(TokenStream stream, OneWord source, CharTermAttribute out, char[] in)
                throws IOException {
            source.set(in);
            stream.reset();
            stream.incrementToken();
            int length = out.length();
            char[] result = length == in.length && java.util.Arrays.equals(out.buffer(), 0, length, in, 0, length)
                    ? in : java.util.Arrays.copyOf(out.buffer(), length);
            stream.end(); // which clears the attributes: read first
            return result;
        }
    }

    /**
     * Words as the tokenizer cut them and what {@link WordFilter} makes of them, at most {@link #REMEMBERED}; then
     * it starts again, a bound on memory (about 1 MB, and 128 kB more for {@link WordNotes}) that a call's
     * vocabulary hardly reaches, and that the shared corpus's 15,000 words as written (capitals and possessives
     * apart) do not reach either: an analyzer reads call after call on its thread, and each start again sends every
     * word of the calls after it to KStem once more.
     *
     * <p>Open addressing over a table twice that size, with a hash that mixes the bits of the word's (a
     * {@code CharArrayMap}, tried first, probes on the bare hash and spent about as long comparing words as KStem
     * did stemming them). The table holds each word's hash beside where its entry starts, and the entries lie in one
     * array of chars, the word and what it becomes side by side: a lookup reads about two cache lines, where a table
     * of arrays (a word, its outcome, each an object of its own) read five, and missed the cache on most.
     */
    private static final class Words {

        private static final int REMEMBERED = 16384;
        /** What a word becomes, in its entry: nothing (a filler), itself, or the chars that follow. */
        static final char FILLER = '\uFFFF';
        static final char UNCHANGED = '\uFFFE';
        /** No longer word is remembered, so that a length fits in a char below the two marks above. */
        private static final int LONGEST = 0xFFF0;

        /** By slot: the word's hash with its lowest bit set (0 for an empty slot), then where its entry starts. */
        private final int[] slots = new int[2 * 2 * REMEMBERED];
        /** The entries: the word's length, its chars, then its outcome's length (or a mark), and its chars. */
        private char[] entries = new char[8 * REMEMBERED];
        private int used;
        private int size;
        /** The slot of the word last found or added, -1 when it was not remembered. */
        private int last = -1;
        /** A reader's notes by slot ({@link WordNotes}), made when it first notes; whose they are. */
        private Object[] notes;
        private Object notesOf;

        /** Where the outcome of the word {@code buffer[0, length)} lies in {@link #entries}, or -1. */
        int find(char[] buffer, int length) {
            int mask = slots.length / 2 - 1;
            int hash = hash(buffer, length);
            int stored = hash | 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int at = slots[2 * slot];
                if (at == 0) {
                    last = -1;
                    return -1;
                }
                if (at == stored) {
                    int entry = slots[2 * slot + 1];
                    if (equal(entries, entry, buffer, length)) {
                        last = slot;
                        return entry + 1 + length;
                    }
                }
            }
        }

        /** The entries: at an outcome, {@link #FILLER}, {@link #UNCHANGED} or the length of the chars after it. */
        char[] entries() {
            return entries;
        }

        /**
         * Adds a word not in the table, with its outcome: null for a filler, {@code word} itself when unchanged. A
         * word too long for its length to fit below the marks is not remembered (the tokenizer cuts at 255).
         */
        void put(char[] word, char[] out) {
            last = -1;
            if (word.length > LONGEST || out != null && out.length > LONGEST) {
                return;
            }
            int need = 2 + word.length + (out == null || out == word ? 0 : out.length);
            if (size == REMEMBERED) {
                java.util.Arrays.fill(slots, 0);
                size = 0;
                used = 0;
                if (notes != null) {
                    java.util.Arrays.fill(notes, null);
                }
            }
            if (used + need > entries.length) {
                entries = java.util.Arrays.copyOf(entries, Math.max(2 * entries.length, used + need));
            }
            int entry = used;
            entries[used++] = (char) word.length;
            System.arraycopy(word, 0, entries, used, word.length);
            used += word.length;
            if (out == null) {
                entries[used++] = FILLER;
            } else if (out == word) {
                entries[used++] = UNCHANGED;
            } else {
                entries[used++] = (char) out.length;
                System.arraycopy(out, 0, entries, used, out.length);
                used += out.length;
            }
            int mask = slots.length / 2 - 1;
            int hash = hash(word, word.length);
            int slot = hash & mask;
            while (slots[2 * slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = hash | 1;
            slots[2 * slot + 1] = entry;
            size++;
            last = slot;
        }

        /** {@link WordNotes#noted}, for the word last found or added. */
        Object noted(Object reader) {
            return last >= 0 && reader == notesOf ? notes[last] : null;
        }

        /** {@link WordNotes#note}, for the word last found or added. */
        void note(Object reader, Object note) {
            if (last < 0) {
                return;
            }
            if (reader != notesOf) {
                if (notes == null) {
                    notes = new Object[slots.length / 2];
                } else {
                    java.util.Arrays.fill(notes, null);
                }
                notesOf = reader;
            }
            notes[last] = note;
        }

        /** A plain loop: words are short, shorter than pays for {@code Arrays.equals}' vectorized start. */
        private static boolean equal(char[] entries, int entry, char[] buffer, int length) {
            if (entries[entry] != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (entries[entry + 1 + i] != buffer[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(char[] buffer, int length) {
            int hash = 0;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + buffer[i];
            }
            hash *= 0x9E3779B9; // Fibonacci hashing: the high bits mix all of the word's
            return hash ^ (hash >>> 16);
        }
    }

    /** A stream of one word, for the stemmers to read. */
    private static final class OneWord extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private boolean pending;

        void set(char[] word) {
            term.copyBuffer(word, 0, word.length);
            pending = true;
        }

        @Override
        public boolean incrementToken() {
            boolean next = pending;
            pending = false;
            return next;
        }
    }
}
