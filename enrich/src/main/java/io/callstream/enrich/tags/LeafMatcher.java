package io.callstream.enrich.tags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Matches the leaf clauses of {@link TopicClauses} against a piece of a turn without a Monitor, with the hits
 * (positions and offsets) {@link HighlightsMatch} reports for them: the piece is analysed once with the rules'
 * analyzer, then
 * <ul>
 *   <li>a term leaf ({@link TermQuery}) is a hash lookup per word, a hit per occurrence, as Lucene's term matches;</li>
 *   <li>an exact phrase ({@link PhraseQuery} without slop) is found from its first word: every other word at its
 *       offset from it, as {@code ExactPhraseMatcher} requires, one hit from its first word to its last, as its
 *       matches report it;</li>
 *   <li>a sloppy phrase of distinct words is matched over the piece's words as Lucene's
 *       {@code SloppyPhraseMatcher} matches it ({@link SloppyPhrase}), hits included;</li>
 *   <li>any other leaf (a sloppy phrase that repeats a word, a prefix, ...) is left to Lucene itself,
 *       {@code Weight.matches} on the piece indexed as Monitor indexes it.</li>
 * </ul>
 * A phrase of either of the last two kinds is looked at only when it may match: when all of its words are in the
 * piece, within its slop of each other ({@link LuceneLeaf#mayMatch}).
 * A piece whose analysis stacks two words at one position (never with {@link TopicAnalyzer}) is not read here:
 * {@link #match} returns null and the caller uses the Monitor.
 *
 * <p>Immutable and thread-safe.
 */
final class LeafMatcher {

    private final Analyzer analyzer;
    /** What each word of any leaf starts or gates, by its bytes: one lookup per word of a piece. */
    private final Map<BytesRef, Word> words = new HashMap<>();
    /** The same words by their characters, or null when some word's bytes are not a string's UTF-8. */
    private final WordsByChars wordsByChars;
    /** Phrases left to Lucene, which match only where all of their terms are. */
    private final List<LuceneLeaf> gatedByTerms = new ArrayList<>();
    /** How many words gate a phrase left to Lucene: the ids {@link Word#gateId} takes. */
    private int gateWords;

    /** A word's leaves: the term leaf it is, the exact phrases it starts, its id among the gating words (or -1). */
    private static final class Word {
        Integer termLeaf;
        /** Arrays, not lists: read for every word of every piece, where an iterator costs the quick compiler calls. */
        ExactPhrase[] phrases;
        int gateId = -1;
        /** The phrases left to Lucene that have this word first: looked at only when it is in the piece. */
        int[] gatedFirst;
    }
    /** The note beside a word of no leaf ({@link TopicAnalyzer.WordNotes}): null is no note. */
    private static final Object NO_LEAF = new Object();
    /** Leaves left to Lucene with no way to tell early that they cannot match: matched on every piece. */
    private final List<LuceneLeaf> always = new ArrayList<>();

    /** An exact phrase: its words as {@link Word}s, one object per distinct word, so compared by identity. */
    private record ExactPhrase(int leaf, Word[] terms, int[] offsets) {
    }

    /**
     * A leaf left to Lucene. For a phrase: its words, their positions in the phrase and its slop, by which
     * {@link #mayMatch} tells that it cannot match; else null words.
     */
    private record LuceneLeaf(int leaf, Query query, int[] gateIds, Word[] words, int[] positions, int slop) {

        /**
         * False when the phrase cannot match the piece: when no occurrence of each of its words, each position less
         * its position in the phrase, lie within the slop of each other. Every match of a phrase, sloppy or exact,
         * is such a choice (its matcher's length is the largest of these less the least, at most the slop, or 0), so
         * a piece without one has no match, and Lucene need not be asked. Repeated words may be chosen twice here,
         * which Lucene forbids: a looser test, so still no match is skipped.
         */
        boolean mayMatch(Tokens tokens) {
            if (words == null) {
                return true;
            }
            for (int first = 0; first < tokens.size; first++) {
                Word word = tokens.terms[first];
                for (int k = 0; k < words.length; k++) {
                    // This occurrence as the least position of a choice: every word within the slop after it.
                    if (words[k] == word && allWithin(tokens, tokens.positions[first] - positions[k])) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A phrase {@link SloppyPhrase} matches: a slop, two words or more, none twice. */
        boolean sloppy() {
            if (words == null || slop == 0 || words.length < 2) {
                return false;
            }
            for (int i = 0; i < words.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (words[i] == words[j]) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean allWithin(Tokens tokens, int least) {
            for (int k = 0; k < words.length; k++) {
                if (!tokens.has(words[k], least + positions[k], least + positions[k] + slop)) {
                    return false;
                }
            }
            return true;
        }
    }

    LeafMatcher(Analyzer analyzer, Map<Query, Integer> leaves) {
        this.analyzer = analyzer;
        leaves.forEach((query, leaf) -> {
            if (query instanceof TermQuery term && term.getTerm().field().equals(TopicAnalyzer.FIELD)) {
                word(term.getTerm().bytes()).termLeaf = leaf;
            } else if (query instanceof PhraseQuery phrase && phrase.getField() != null
                    && phrase.getField().equals(TopicAnalyzer.FIELD) && phrase.getTerms().length > 0) {
                Term[] terms = phrase.getTerms();
                BytesRef[] bytes = new BytesRef[terms.length];
                for (int i = 0; i < terms.length; i++) {
                    bytes[i] = BytesRef.deepCopyOf(terms[i].bytes());
                }
                int[] positions = phrase.getPositions();
                if (phrase.getSlop() == 0 && terms.length >= 2 && increasing(positions)) {
                    int[] offsets = new int[positions.length];
                    for (int i = 0; i < positions.length; i++) {
                        offsets[i] = positions[i] - positions[0];
                    }
                    Word[] phraseWords = new Word[bytes.length];
                    for (int i = 0; i < bytes.length; i++) {
                        phraseWords[i] = word(bytes[i]);
                    }
                    Word first = phraseWords[0];
                    ExactPhrase added = new ExactPhrase(leaf, phraseWords, offsets);
                    first.phrases = first.phrases == null ? new ExactPhrase[] {added} : append(first.phrases, added);
                } else {
                    int[] gateIds = new int[bytes.length];
                    for (int i = 0; i < bytes.length; i++) {
                        Word word = word(bytes[i]);
                        if (word.gateId < 0) {
                            word.gateId = gateWords++;
                        }
                        gateIds[i] = word.gateId;
                    }
                    Word first = word(bytes[0]);
                    int gated = gatedByTerms.size();
                    first.gatedFirst = first.gatedFirst == null ? new int[] {gated}
                            : append(first.gatedFirst, gated);
                    Word[] phraseWords = new Word[bytes.length];
                    for (int i = 0; i < bytes.length; i++) {
                        phraseWords[i] = word(bytes[i]);
                    }
                    gatedByTerms.add(new LuceneLeaf(leaf, query, gateIds, phraseWords, positions.clone(),
                            phrase.getSlop()));
                }
            } else {
                always.add(new LuceneLeaf(leaf, query, null, null, null, 0));
            }
        });
        this.wordsByChars = WordsByChars.of(words);
    }

    private static ExactPhrase[] append(ExactPhrase[] phrases, ExactPhrase phrase) {
        ExactPhrase[] more = Arrays.copyOf(phrases, phrases.length + 1);
        more[phrases.length] = phrase;
        return more;
    }

    private static int[] append(int[] ints, int value) {
        int[] more = Arrays.copyOf(ints, ints.length + 1);
        more[ints.length] = value;
        return more;
    }

    private Word word(BytesRef bytes) {
        return words.computeIfAbsent(BytesRef.deepCopyOf(bytes), k -> new Word());
    }

    private static boolean increasing(int[] positions) {
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] <= positions[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The leaves that match {@code matchable}, with their hits, offsets moved by {@code offset}: what
     * {@link TopicClauses#monitorMatch} gives. Null when this matcher cannot read the piece exactly.
     */
    Map<Integer, List<HighlightsMatch.Hit>> match(String matchable, int offset) {
        Tokens tokens = analyze(matchable);
        if (tokens == null) {
            return null;
        }
        Map<Integer, List<HighlightsMatch.Hit>> found = new HashMap<>();
        // A bit per gating word, set as it is met: plain bits, a BitSet's checks on every word cost the quick compiler.
        long[] present = new long[(gateWords + 63) >>> 6];
        java.util.BitSet candidates = null;
        for (int i = 0; i < tokens.size; i++) {
            Word word = tokens.terms[i];
            if (word == null) {
                continue;
            }
            if (word.gateId >= 0) {
                present[word.gateId >>> 6] |= 1L << word.gateId;
            }
            if (word.termLeaf != null) {
                found.computeIfAbsent(word.termLeaf, k -> new ArrayList<>()).add(tokens.hit(i, offset));
            }
            if (word.phrases != null) {
                for (ExactPhrase phrase : word.phrases) {
                    matchPhrase(phrase, tokens, i, offset, found);
                }
            }
            if (word.gatedFirst != null) {
                if (candidates == null) {
                    candidates = new java.util.BitSet(gatedByTerms.size());
                }
                for (int gated : word.gatedFirst) {
                    candidates.set(gated);
                }
            }
        }
        // A phrase left to Lucene is looked at when all of its words are in the piece, its first among them, near
        // enough to each other; in the order of gatedByTerms, as before.
        List<LuceneLeaf> toLucene = always;
        if (candidates != null) {
            toLucene = new ArrayList<>(always);
            for (int gated = candidates.nextSetBit(0); gated >= 0; gated = candidates.nextSetBit(gated + 1)) {
                LuceneLeaf leaf = gatedByTerms.get(gated);
                boolean all = true;
                for (int id : leaf.gateIds) {
                    if ((present[id >>> 6] & 1L << id) == 0) {
                        all = false;
                        break;
                    }
                }
                if (all && leaf.mayMatch(tokens)) {
                    if (leaf.sloppy()) {
                        new SloppyPhrase(leaf, tokens).addHits(offset, found);
                    } else {
                        toLucene.add(leaf);
                    }
                }
            }
        }
        if (!toLucene.isEmpty()) {
            matchWithLucene(matchable, offset, toLucene, found);
        }
        return found;
    }

    private static void matchPhrase(ExactPhrase phrase, Tokens tokens, int first, int offset,
            Map<Integer, List<HighlightsMatch.Hit>> found) {
        int last = first;
        for (int k = 1; k < phrase.terms.length; k++) {
            int token = tokens.at(tokens.positions[first] + phrase.offsets[k], last + 1);
            if (token < 0 || tokens.terms[token] != phrase.terms[k]) {
                return;
            }
            last = token;
        }
        // One hit from the first word to the last, as a phrase's matches (no sub-matches) report it.
        found.computeIfAbsent(phrase.leaf, k -> new ArrayList<>()).add(hit(tokens.positions[first],
                tokens.starts[first], tokens.positions[last], tokens.ends[last], offset));
    }

    /** As Monitor matches a document: indexed in a MemoryIndex, each query's matches read as HighlightsMatch does. */
    private void matchWithLucene(String matchable, int offset, List<LuceneLeaf> leaves,
            Map<Integer, List<HighlightsMatch.Hit>> found) {
        MemoryIndex index = new MemoryIndex(true, true);
        index.addField(new Field(TopicAnalyzer.FIELD, matchable, TopicTagger.TEXT_WITH_OFFSETS), analyzer);
        index.freeze();
        IndexSearcher searcher = index.createSearcher();
        try {
            for (LuceneLeaf leaf : leaves) {
                Weight weight = searcher.createWeight(searcher.rewrite(leaf.query), ScoreMode.COMPLETE_NO_SCORES, 1);
                for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
                    for (int doc = 0; doc < context.reader().maxDoc(); doc++) {
                        Matches matches = weight.matches(context, doc);
                        if (matches != null) {
                            List<HighlightsMatch.Hit> hits = found.computeIfAbsent(leaf.leaf, k -> new ArrayList<>());
                            for (String field : matches) {
                                MatchesIterator each = matches.getMatches(field);
                                while (each.next()) {
                                    MatchesIterator sub = each.getSubMatches();
                                    if (sub != null) {
                                        while (sub.next()) {
                                            hits.add(hit(sub.startPosition(), sub.startOffset(), sub.endPosition(),
                                                    sub.endOffset(), offset));
                                        }
                                    } else {
                                        hits.add(hit(each.startPosition(), each.startOffset(), each.endPosition(),
                                                each.endOffset(), offset));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("matching a turn against the tag clauses", e); // all in memory
        }
    }

    private static HighlightsMatch.Hit hit(int startPosition, int startOffset, int endPosition, int endOffset,
            int offset) {
        // A hit without offsets (-1) stays without, as TopicClauses moves the Monitor's hits.
        return offset == 0 || startOffset < 0 ? new HighlightsMatch.Hit(startPosition, startOffset, endPosition, endOffset)
                : new HighlightsMatch.Hit(startPosition, startOffset + offset, endPosition, endOffset + offset);
    }

    /** The words of a piece as MemoryIndex indexes them: positions from -1 plus increments, offsets as given. */
    private Tokens analyze(String matchable) {
        Tokens tokens = new Tokens(matchable.length());
        try (TokenStream stream = analyzer.tokenStream(TopicAnalyzer.FIELD, matchable)) {
            TermToBytesRefAttribute term = stream.addAttribute(TermToBytesRefAttribute.class);
            // The term's characters, when its bytes are theirs (the usual term attribute is both).
            CharTermAttribute chars = wordsByChars != null && term instanceof CharTermAttribute both ? both : null;
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            // What each word the analyzer remembers is to the leaves, noted beside it: looked up once per word.
            TopicAnalyzer.WordNotes notes = stream instanceof TopicAnalyzer.WordNotes noting ? noting : null;
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                int step = increment.getPositionIncrement();
                if (step <= 0) {
                    return null; // stacked words: left to the Monitor
                }
                position += step;
                Object noted = notes != null ? notes.noted(this) : null;
                Word word;
                if (noted != null) {
                    word = noted == NO_LEAF ? null : (Word) noted;
                } else {
                    // The word as a leaf knows it, or null for a word of no leaf: looked up once, never copied.
                    word = chars != null ? wordsByChars.get(chars.buffer(), chars.length()) : WordsByChars.UNKNOWN;
                    if (word == WordsByChars.UNKNOWN) {
                        word = words.get(term.getBytesRef());
                    }
                    if (notes != null) {
                        notes.note(this, word == null ? NO_LEAF : word);
                    }
                }
                tokens.add(word, position, offsets.startOffset(), offsets.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a turn", e); // a String reader
        }
        return tokens;
    }

    /**
     * A sloppy phrase of distinct words matched over a piece's words as Lucene matches it in the piece's MemoryIndex
     * ({@code PhraseWeight.matches} with {@code SloppyPhraseMatcher}, Lucene 9.11, read from its code), hits
     * included: one phrase position per word, at the word's first occurrence, less the word's place in the phrase;
     * a match is a least phrase position, popped from a queue ordered by phrase position, then place, then word, and
     * advanced through its occurrences while it stays at or below the next least, the match length being the
     * greatest phrase position (ever reached) less that; a match whose length is within the slop is reported with
     * the start and end positions and offsets the matcher reports, from the lead it captured and every word's
     * current occurrence. Without repeated words Lucene takes no other path; with them the phrase goes to Lucene.
     * The queue holds a few words, so it is a scan for the least; the order is total, as in Lucene's heap.
     */
    private static final class SloppyPhrase {

        private final int leaf;
        private final Tokens tokens;
        private final int slop;
        /** Each word's place in the phrase: Lucene's offset of its phrase positions. */
        private final int[] places;
        /** Each word's occurrences, as indexes into {@link #tokens}, in order. */
        private final int[][] occurrences;
        /** How many occurrences of each word were read. */
        private final int[] read;
        /** Each word's current occurrence and phrase position (its position less its place). */
        private final int[] at;
        private final int[] position;
        private final boolean[] queued;
        private int end;
        private int matchLength;
        private boolean positioned;
        private int leadOrd;
        private int leadPosition;
        private int leadOffset;
        private int leadEndOffset;

        SloppyPhrase(LuceneLeaf leaf, Tokens tokens) {
            this.leaf = leaf.leaf();
            this.tokens = tokens;
            this.slop = leaf.slop();
            this.places = leaf.positions();
            int words = leaf.words().length;
            this.occurrences = new int[words][];
            this.read = new int[words];
            this.at = new int[words];
            this.position = new int[words];
            this.queued = new boolean[words];
            int[] counts = new int[words];
            for (int i = 0; i < tokens.size; i++) {
                for (int k = 0; k < words; k++) {
                    if (tokens.terms[i] == leaf.words()[k]) {
                        counts[k]++;
                    }
                }
            }
            for (int k = 0; k < words; k++) {
                occurrences[k] = new int[counts[k]];
                counts[k] = 0;
            }
            for (int i = 0; i < tokens.size; i++) {
                for (int k = 0; k < words; k++) {
                    if (tokens.terms[i] == leaf.words()[k]) {
                        occurrences[k][counts[k]++] = i;
                    }
                }
            }
        }

        /** Adds the phrase's hits, as LeafMatcher reads Lucene's matches; nothing, not even a list, without one. */
        void addHits(int offset, Map<Integer, List<HighlightsMatch.Hit>> found) {
            for (int[] word : occurrences) {
                if (word.length == 0) {
                    return; // the piece lacks a word: no document to match
                }
            }
            reset();
            if (!nextMatch()) {
                return;
            }
            List<HighlightsMatch.Hit> hits = new ArrayList<>();
            do {
                hits.add(hit(startPosition(), startOffset(), endPosition(), endOffset(), offset));
            } while (nextMatch());
            found.put(leaf, hits);
        }

        /** {@code reset}: every word at its first occurrence, all queued. */
        private void reset() {
            end = Integer.MIN_VALUE;
            for (int k = 0; k < at.length; k++) {
                read[k] = 0;
                advance(k);
                queued[k] = true;
            }
            positioned = true;
            matchLength = Integer.MAX_VALUE;
            leadPosition = Integer.MAX_VALUE;
        }

        /** {@code advancePP}: the word's next occurrence, the greatest phrase position kept; false when none. */
        private boolean advance(int k) {
            if (read[k] == occurrences[k].length) {
                return false;
            }
            at[k] = occurrences[k][read[k]++];
            position[k] = tokens.positions[at[k]] - places[k];
            if (position[k] > end) {
                end = position[k];
            }
            return true;
        }

        /** The least queued word: by phrase position, then place, then word ({@code PhraseQueue.lessThan}). */
        private int top() {
            int least = -1;
            for (int k = 0; k < at.length; k++) {
                if (queued[k] && (least < 0 || position[k] < position[least]
                        || position[k] == position[least] && places[k] < places[least])) {
                    least = k;
                }
            }
            return least;
        }

        private int pop() {
            int least = top();
            queued[least] = false;
            return least;
        }

        private void captureLead(int k) {
            leadOrd = k;
            leadPosition = position[k] + places[k];
            leadOffset = tokens.starts[at[k]];
            leadEndOffset = tokens.ends[at[k]];
        }

        /** {@code SloppyPhraseMatcher.nextMatch} without repeats, line for line. */
        private boolean nextMatch() {
            if (!positioned) {
                return false;
            }
            int k = pop();
            captureLead(k);
            matchLength = end - position[k];
            int next = position[top()];
            while (advance(k)) {
                if (position[k] > next) {
                    queued[k] = true;
                    if (matchLength <= slop) {
                        return true;
                    }
                    k = pop();
                    next = position[top()];
                    matchLength = end - position[k];
                } else {
                    matchLength = Math.min(matchLength, end - position[k]);
                }
                captureLead(k);
            }
            positioned = false;
            return matchLength <= slop;
        }

        private int startPosition() {
            int start = leadPosition;
            for (int k = 0; k < at.length; k++) {
                start = Math.min(start, position[k] + places[k]);
            }
            return start;
        }

        private int endPosition() {
            int last = leadPosition;
            for (int k = 0; k < at.length; k++) {
                if (k != leadOrd) {
                    last = Math.max(last, position[k] + places[k]);
                }
            }
            return last;
        }

        private int startOffset() {
            int start = leadOffset;
            for (int k = 0; k < at.length; k++) {
                start = Math.min(start, tokens.starts[at[k]]);
            }
            return start;
        }

        private int endOffset() {
            int last = leadEndOffset;
            for (int k = 0; k < at.length; k++) {
                if (k != leadOrd) {
                    last = Math.max(last, tokens.ends[at[k]]);
                }
            }
            return last;
        }
    }

    /**
     * {@link #words} by characters, looked up without encoding a term to UTF-8 first. UTF-8 encodes each string
     * without a lone surrogate as its own bytes, so a term without one has a word's bytes exactly when it has the
     * characters that decode from them, as long as every word's bytes decode to such characters and encode back to
     * themselves ({@link #of} builds no table otherwise). A term with a surrogate is left to its bytes. Immutable.
     */
    private static final class WordsByChars {

        /** A term whose characters do not tell: look it up by its bytes. */
        static final Word UNKNOWN = new Word();

        private final char[][] keys;
        private final Word[] values;

        private WordsByChars(int size) {
            int slots = Integer.highestOneBit(Math.max(2, size) * 2) * 2;
            keys = new char[slots][];
            values = new Word[slots];
        }

        static WordsByChars of(Map<BytesRef, Word> words) {
            WordsByChars table = new WordsByChars(words.size());
            for (Map.Entry<BytesRef, Word> entry : words.entrySet()) {
                String decoded = entry.getKey().utf8ToString();
                if (!new BytesRef(decoded).bytesEquals(entry.getKey()) || hasSurrogate(decoded.toCharArray())) {
                    return null;
                }
                table.put(decoded.toCharArray(), entry.getValue());
            }
            return table;
        }

        private static boolean hasSurrogate(char[] chars) {
            for (char c : chars) {
                if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        private void put(char[] key, Word value) {
            int mask = keys.length - 1;
            int slot = hash(key, key.length) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        }

        /** The word with these characters, null for none, {@link #UNKNOWN} for a term with a surrogate. */
        Word get(char[] buffer, int length) {
            int hash = 0;
            for (int i = 0; i < length; i++) {
                char c = buffer[i];
                if (Character.isSurrogate(c)) {
                    return UNKNOWN;
                }
                hash = 31 * hash + c;
            }
            int mask = keys.length - 1;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                char[] key = keys[slot];
                if (key == null) {
                    return null;
                }
                if (key.length == length && Arrays.equals(key, 0, length, buffer, 0, length)) {
                    return values[slot];
                }
            }
        }

        private static int hash(char[] chars, int length) {
            int hash = 0;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + chars[i];
            }
            return mix(hash);
        }

        private static int mix(int hash) {
            hash *= 0x9E3779B9;
            return hash ^ (hash >>> 16);
        }
    }

    /** Words in position order, one per position, each as the {@link Word} of the leaves it is, or null. */
    private static final class Tokens {
        Word[] terms;
        int[] positions;
        int[] starts;
        int[] ends;
        int size;

        /** Room for the words of a text of {@code length} characters as most are: a word and a blank in six. */
        Tokens(int length) {
            int room = Math.min(64, 4 + length / 6);
            terms = new Word[room];
            positions = new int[room];
            starts = new int[room];
            ends = new int[room];
        }

        void add(Word term, int position, int start, int end) {
            if (size == terms.length) {
                int grown = size * 2;
                terms = Arrays.copyOf(terms, grown);
                positions = Arrays.copyOf(positions, grown);
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            terms[size] = term;
            positions[size] = position;
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        /** Whether {@code word} stands at a position from {@code from} to {@code to}, both included. */
        boolean has(Word word, int from, int to) {
            int found = Arrays.binarySearch(positions, 0, size, from);
            for (int i = found >= 0 ? found : -found - 1; i < size && positions[i] <= to; i++) {
                if (terms[i] == word) {
                    return true;
                }
            }
            return false;
        }

        /** The word at {@code position}, looked for from index {@code from} on, or -1. */
        int at(int position, int from) {
            if (from < size && positions[from] == position) {
                return from; // the next word: a phrase's words are mostly side by side
            }
            int found = Arrays.binarySearch(positions, from, size, position);
            return found >= 0 ? found : -1;
        }

        HighlightsMatch.Hit hit(int token, int offset) {
            return LeafMatcher.hit(positions[token], starts[token], positions[token], ends[token], offset);
        }
    }
}
