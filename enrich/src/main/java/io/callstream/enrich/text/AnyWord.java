package io.callstream.enrich.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a text holds any of some words: {@code words.stream().anyMatch(text::contains)} in one pass over the text
 * instead of one per word. The readers' prefilters ask this of every line for a dozen cue words at a time, and a
 * search per word, each a scan of the whole line, showed in profiles (the more so with the quick compiler alone,
 * which has no vectorised {@link String#indexOf}). Immutable.
 */
public final class AnyWord {

    /** By ASCII first character, the words starting with it; null where none does. */
    private final String[][] byFirst = new String[128][];
    /** Words whose first character is not ASCII, searched one by one. */
    private final List<String> others = new ArrayList<>();

    private AnyWord(Collection<String> words) {
        for (String word : words) {
            if (word.isEmpty()) {
                throw new IllegalArgumentException("an empty word is in every text: " + words);
            }
            char first = word.charAt(0);
            if (first < 128) {
                String[] same = byFirst[first];
                String[] more = same == null ? new String[1] : java.util.Arrays.copyOf(same, same.length + 1);
                more[more.length - 1] = word;
                byFirst[first] = more;
            } else {
                others.add(word);
            }
        }
    }

    public static AnyWord of(Collection<String> words) {
        return new AnyWord(words);
    }

    /** Whether {@code text} holds one of the words, anywhere. */
    public boolean in(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                String[] candidates = byFirst[c];
                if (candidates != null) {
                    for (String word : candidates) {
                        if (text.startsWith(word, i)) {
                            return true;
                        }
                    }
                }
            }
        }
        for (String word : others) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
