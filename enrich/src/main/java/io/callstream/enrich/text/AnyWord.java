package io.callstream.enrich.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Whether a text holds any of some words: {@code words.stream().anyMatch(text::contains)} in one pass over the text
 * instead of one per word. The words may come in groups ({@link #ofGroups}), and then one pass says which groups have
 * a word in the text ({@link #groupsIn}): the readers' prefilters ask this of every line, a dozen cue words at a time
 * for each of a dozen readers, and a search per word or per group, each a scan of the whole line, showed in profiles
 * (the more so with the quick compiler alone, which has no vectorised {@link String#indexOf}). Immutable.
 *
 * <p>Most offsets of a text start no word: a table of the words' first two characters rules them out with one
 * lookup, and only where the two fit are the words tried whole.
 */
public final class AnyWord {

    /** At most this many groups: their set is a {@code long}. */
    public static final int MOST_GROUPS = 64;

    /** By ASCII first character, the words starting with it; null where none does. */
    private final String[][] byFirst = new String[128][];
    /** The group bit of each word of {@link #byFirst}, one for one. */
    private final long[][] groupsByFirst = new long[128][];
    /**
     * The second and third characters of each word of {@link #byFirst}, one for one, or -1 where it has none: most
     * words that pass the table below fail on one of these, without a compare of the whole word.
     */
    private final int[][] secondsByFirst = new int[128][];
    private final int[][] thirdsByFirst = new int[128][];
    /** By ASCII first character, the ASCII second characters of its words, as a 128-bit set (two longs). */
    private final long[] secondLow = new long[128];
    private final long[] secondHigh = new long[128];
    /** By ASCII first character, whether a word of one character or with a non-ASCII second starts with it. */
    private final boolean[] alwaysTried = new boolean[128];
    /** Words whose first character is not ASCII, searched one by one, and their group bits. */
    private final List<String> others = new ArrayList<>();
    private final List<Long> otherGroups = new ArrayList<>();
    /** Every group's bit. */
    private final long allGroups;

    private AnyWord(List<? extends Collection<String>> groups) {
        if (groups.size() > MOST_GROUPS) {
            throw new IllegalArgumentException("at most " + MOST_GROUPS + " groups: " + groups.size());
        }
        for (int g = 0; g < groups.size(); g++) {
            long bit = 1L << g;
            for (String word : groups.get(g)) {
                add(word, bit, groups);
            }
        }
        this.allGroups = groups.size() == MOST_GROUPS ? -1L : (1L << groups.size()) - 1;
    }

    private void add(String word, long bit, Object context) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("an empty word is in every text: " + context);
        }
        char first = word.charAt(0);
        if (first >= 128) {
            others.add(word);
            otherGroups.add(bit);
            return;
        }
        String[] same = byFirst[first];
        int n = same == null ? 0 : same.length;
        byFirst[first] = same == null ? new String[] {word} : append(same, word);
        groupsByFirst[first] = n == 0 ? new long[] {bit} : appendBit(groupsByFirst[first], bit);
        secondsByFirst[first] = append(secondsByFirst[first], word.length() > 1 ? word.charAt(1) : -1);
        thirdsByFirst[first] = append(thirdsByFirst[first], word.length() > 2 ? word.charAt(2) : -1);
        char second = word.length() > 1 ? word.charAt(1) : 128;
        if (second >= 128) {
            alwaysTried[first] = true;
        } else if (second < 64) {
            secondLow[first] |= 1L << second;
        } else {
            secondHigh[first] |= 1L << (second - 64);
        }
    }

    private static String[] append(String[] words, String word) {
        String[] more = Arrays.copyOf(words, words.length + 1);
        more[words.length] = word;
        return more;
    }

    private static int[] append(int[] chars, int c) {
        int[] more = chars == null ? new int[1] : Arrays.copyOf(chars, chars.length + 1);
        more[more.length - 1] = c;
        return more;
    }

    private static long[] appendBit(long[] bits, long bit) {
        long[] more = Arrays.copyOf(bits, bits.length + 1);
        more[bits.length] = bit;
        return more;
    }

    /** One group of words: {@link #in} says whether a text holds one of them. */
    public static AnyWord of(Collection<String> words) {
        return new AnyWord(List.of(words));
    }

    /** Groups of words, at most {@link #MOST_GROUPS}: {@link #groupsIn} says which have a word in a text. */
    public static AnyWord ofGroups(List<? extends Collection<String>> groups) {
        return new AnyWord(groups);
    }

    /** Whether {@code text} holds one of the words, anywhere. */
    public boolean in(String text) {
        return groupsIn(text, allGroups, true) != 0;
    }

    /**
     * The groups with a word in {@code text}: bit {@code g} is set where group {@code g} has one (numbered as given to
     * {@link #ofGroups}).
     */
    public long groupsIn(String text) {
        return groupsIn(text, allGroups, false);
    }

    /**
     * The groups of {@code wanted} (bits as {@link #groupsIn(String)} sets them) with a word in {@code text}, found
     * in one pass that stops once every wanted group has one: the words of the other groups are not looked for.
     */
    public long groupsIn(String text, long wanted) {
        return groupsIn(text, wanted, false);
    }

    /**
     * The groups of {@code wanted} with a word in {@code text}, found in one pass that stops once every wanted group
     * has one, or at the first word found where {@code firstOnly}.
     */
    private long groupsIn(String text, long wanted, boolean firstOnly) {
        long found = 0;
        int length = text.length();
        // The characters at i, i + 1 and i + 2, each read once; -1 past the end, which no word's character is.
        int next = length > 0 ? text.charAt(0) : -1;
        int afterNext = length > 1 ? text.charAt(1) : -1;
        for (int i = 0; i < length; i++) {
            int c = next;
            next = afterNext;
            afterNext = i + 2 < length ? text.charAt(i + 2) : -1;
            if (c >= 128) {
                continue;
            }
            long seconds = next < 0 ? 0 : next < 64 ? secondLow[c] >>> next : next < 128 ? secondHigh[c] >>> (next - 64) : 0;
            if ((seconds & 1) == 0 && !alwaysTried[c]) {
                continue;
            }
            String[] candidates = byFirst[c];
            long[] bits = groupsByFirst[c];
            int[] secondChars = secondsByFirst[c];
            int[] thirdChars = thirdsByFirst[c];
            for (int k = 0; k < candidates.length; k++) {
                int second = secondChars[k];
                int third = thirdChars[k];
                if ((second < 0 || second == next) && (third < 0 || third == afterNext)
                        && (found & bits[k]) == 0 && (bits[k] & wanted) != 0 && text.startsWith(candidates[k], i)) {
                    found |= bits[k];
                    if (firstOnly || (found & wanted) == wanted) {
                        return found & wanted;
                    }
                }
            }
        }
        for (int k = 0; k < others.size(); k++) {
            long bit = otherGroups.get(k);
            if ((found & bit) == 0 && (bit & wanted) != 0 && text.contains(others.get(k))) {
                found |= bit;
                if (firstOnly || (found & wanted) == wanted) {
                    break;
                }
            }
        }
        return found & wanted;
    }
}
