package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A turn's text cut into sentences where the topic rules' analyzer ends them ({@link SentenceEnds}), for the learned
 * tier, which reads one sentence at a time: the same cut in training and in the pipeline, so a sentence scored live
 * is a sentence the model was taught on.
 */
public final class TurnSentences {

    /** Offsets of one sentence in its turn's text, end exclusive, without the blanks around it. */
    public record Sentence(int start, int end) {

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    private TurnSentences() {
    }

    /** Every sentence of {@code text} that holds more than blanks, in order; the last may be unfinished. */
    public static List<Sentence> of(String text) {
        SentenceEnds ends = new SentenceEnds();
        char[] chars = text.toCharArray();
        ends.read(chars, chars.length);
        List<Sentence> sentences = new ArrayList<>(ends.count() + 1);
        int from = 0;
        for (int i = 0; i <= ends.count(); i++) {
            int to = i < ends.count() ? ends.end(i) : chars.length;
            add(text, from, to, sentences);
            from = to;
        }
        return sentences;
    }

    /** The part of {@code text} that is safe-harbour boilerplate blanked, as the rules see it. */
    public static String withoutSafeHarbour(String text) {
        return SafeHarbourSentences.blank(text);
    }

    /**
     * The sentences of a growing turn's snapshots, each as {@link #of} gives them, and which of them
     * {@link #withoutSafeHarbour} leaves words in, reading only what a snapshot adds to the last: the sentence ends
     * are read on from where the last snapshot stopped ({@link SentenceEnds} reads left to right, and an end is
     * decided by the blank after it, so the ends of a text are those of any longer text up to its length), and the
     * sentences before the last end are kept as they were. Whether the turn holds a safe-harbour notice is asked as
     * the rules ask it ({@link SafeHarbourSentences.Presence}); where it does, each safe-harbour sentence (cut as
     * {@link SafeHarbourSentences#blankSentences} cuts them) is asked once whether it holds the notice, when a
     * character after it settles its end, and only the open one at every snapshot.
     *
     * <p>One per open turn; not thread-safe.
     */
    public static final class Growing {

        private SentenceEnds ends = new SentenceEnds();
        private final SafeHarbourSentences.Presence notice = new SafeHarbourSentences.Presence();
        /** The sentences before the last sentence end read, which no longer change. */
        private final List<Sentence> closed = new ArrayList<>();
        /** Where the last sentence end read is: the open sentence starts there. */
        private int closedEnd;
        /** The last snapshot read. */
        private String text = "";
        private char[] added = new char[256];
        /**
         * The settled safe-harbour sentences that hold the notice, as [start, end) pairs in order: two ints each in
         * one array, not a record each, as every snapshot walks them beside the sentences.
         */
        private int[] noticed = new int[8];
        private int noticedCount;
        /** Where the safe-harbour sentence that is not settled yet starts. */
        private int openNoticeSentence;
        /** The characters before this were asked whether they end a safe-harbour sentence for good. */
        private int settledUpTo;
        /** By sentence of the last snapshot, whether it holds words once safe-harbour sentences are blanked. */
        private boolean[] holdsWords = new boolean[16];

        /**
         * The sentences of {@code text}, as {@link TurnSentences#of} gives them. {@code extendsLast}: {@code text}
         * starts with the last text read (false for the first, and for any other, which is then read from its
         * start).
         */
        public List<Sentence> read(String text, boolean extendsLast) {
            if (!extendsLast) {
                reset();
            }
            int from = this.text.length();
            int length = text.length();
            if (length > from) {
                if (added.length < length - from) {
                    added = new char[Math.max(length - from, 2 * added.length)];
                }
                text.getChars(from, length, added, 0);
                int before = ends.count();
                ends.read(added, length - from);
                for (int i = before; i < ends.count(); i++) {
                    add(text, closedEnd, ends.end(i), closed);
                    closedEnd = ends.end(i);
                }
            }
            this.text = text;
            List<Sentence> sentences = new ArrayList<>(closed.size() + 1);
            sentences.addAll(closed);
            add(text, closedEnd, length, sentences);
            if (holdsWords.length < sentences.size()) {
                holdsWords = new boolean[Math.max(sentences.size(), 2 * holdsWords.length)];
            }
            if (notice.in(text)) {
                settleNoticeSentences(text);
                readHoldsWords(text, sentences);
            } else {
                Arrays.fill(holdsWords, 0, sentences.size(), true); // nothing is blanked
            }
            return sentences;
        }

        /** How many of the last text's sentences ({@link #read}'s first ones) no longer change as the turn grows. */
        public int closedCount() {
            return closed.size();
        }

        /**
         * Whether sentence {@code index} of the last text read holds words once safe-harbour sentences are blanked:
         * what {@code !withoutSafeHarbour(text).substring(start, end).isBlank()} says.
         */
        public boolean holdsWords(int index) {
            return holdsWords[index];
        }

        /**
         * Asks each safe-harbour sentence that a character after its end now settles whether it holds the notice.
         * An end before the text's last character is one in any longer text; a mark or a line break at the last is
         * asked again next time.
         */
        private void settleNoticeSentences(String text) {
            int last = text.length() - 1;
            for (int i = settledUpTo; i < last; i++) {
                if (SafeHarbourSentences.endsSentence(text, i)) {
                    if (SafeHarbourSentences.noticeInSentence(text, openNoticeSentence, i + 1)) {
                        if (noticedCount + 2 > noticed.length) {
                            noticed = Arrays.copyOf(noticed, 2 * noticed.length);
                        }
                        noticed[noticedCount++] = openNoticeSentence;
                        noticed[noticedCount++] = i + 1;
                    }
                    openNoticeSentence = i + 1;
                }
            }
            settledUpTo = Math.max(settledUpTo, last);
        }

        /**
         * Which sentences hold a character that is no blank outside the blanked safe-harbour sentences: the settled
         * ones that hold the notice, and the open one where it does. Most sentences overlap none and hold words at
         * their first character.
         */
        private void readHoldsWords(String text, List<Sentence> sentences) {
            int length = text.length();
            boolean openBlanked = SafeHarbourSentences.noticeInSentence(text, openNoticeSentence, length);
            int blankedCount = noticedCount / 2 + (openBlanked ? 1 : 0);
            int next = 0;
            for (int s = 0; s < sentences.size(); s++) {
                Sentence sentence = sentences.get(s);
                boolean holds = false;
                int at = sentence.start();
                while (at < sentence.end() && !holds) {
                    while (next < blankedCount && blankedEnd(next, length) <= at) {
                        next++;
                    }
                    if (next < blankedCount && blankedStart(next) <= at) {
                        at = blankedEnd(next, length);
                        continue;
                    }
                    int stop = next < blankedCount ? Math.min(sentence.end(), blankedStart(next)) : sentence.end();
                    for (; at < stop; at++) {
                        if (!Character.isWhitespace(text.charAt(at))) {
                            holds = true;
                            break;
                        }
                    }
                }
                holdsWords[s] = holds;
            }
        }

        /** The start of the {@code k}th blanked stretch: a settled sentence with the notice, then the open one. */
        private int blankedStart(int k) {
            return 2 * k < noticedCount ? noticed[2 * k] : openNoticeSentence;
        }

        private int blankedEnd(int k, int length) {
            return 2 * k < noticedCount ? noticed[2 * k + 1] : length;
        }

        private void reset() {
            ends = new SentenceEnds();
            notice.reset();
            closed.clear();
            closedEnd = 0;
            text = "";
            noticedCount = 0;
            openNoticeSentence = 0;
            settledUpTo = 0;
        }
    }

    private static void add(String text, int from, int to, List<Sentence> sentences) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            sentences.add(new Sentence(from, to));
        }
    }
}
