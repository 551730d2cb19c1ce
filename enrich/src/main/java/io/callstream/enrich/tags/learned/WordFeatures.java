package io.callstream.enrich.tags.learned;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a {@link WordTopicModel} reads in a sentence: its lower-cased words but the commonest function words, and
 * each pair of neighbouring words but pairs of two function words ("price increase", "next year", "in the" left out).
 * A pair carries what a word alone does not: "supply chain" against "supply" and "chain". In the order they first
 * occur, each once, so that a sentence's score is summed in the same order on every run.
 */
public final class WordFeatures {

    /** A word: a letter, then letters, digits and the marks inside words (M&A, year's, e-commerce, Nestlé). */
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}&'-]*");
    /** Typographic apostrophes, which live feeds and some transcripts use where the training text has {@code '}. */
    private static final Pattern CURLY_APOSTROPHE = Pattern.compile("[\u2018\u2019]");
    /** Function words and the call's commonest fillers of meaning; a pair of two of them is not read either. */
    static final Set<String> STOP = Set.copyOf(List.of(("the a an and or of to in for on at by with is are was were be "
            + "been it this that we our you i they their as from have has had will would can could so but not do does "
            + "did there which what about just also very really think know going").split(" ")));

    private WordFeatures() {
    }

    /** The features of {@code sentence}, each once, in the order they first occur. */
    public static Set<String> of(String sentence) {
        Matcher m = WORD.matcher(CURLY_APOSTROPHE.matcher(sentence.toLowerCase(Locale.ROOT)).replaceAll("'"));
        Set<String> features = new LinkedHashSet<>();
        String previous = null;
        while (m.find()) {
            String word = m.group();
            if (!STOP.contains(word)) {
                features.add(word);
            }
            if (previous != null && !(STOP.contains(previous) && STOP.contains(word))) {
                features.add(previous + " " + word);
            }
            previous = word;
        }
        return features;
    }
}
