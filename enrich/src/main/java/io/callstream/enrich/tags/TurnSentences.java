package io.callstream.enrich.tags;

import java.util.ArrayList;
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
