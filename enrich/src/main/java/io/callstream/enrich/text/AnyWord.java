package io.callstream.enrich.text;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;

/**
 * Whether a text holds any of some words, ignoring ASCII case: {@code words.stream().anyMatch(text::contains)} of the
 * text with its ASCII capitals in lower case, in one pass over the text instead of one per word. The words may come in groups ({@link #ofGroups}), and then one pass says which groups have
 * a word in the text ({@link #groupsIn}): the readers' prefilters ask this of every line, a dozen cue words at a time
 * for each of a dozen readers, and a search per word or per group, each a scan of the whole line, showed in profiles
 * (the more so with the quick compiler alone, which has no vectorised {@link String#indexOf}). Immutable.
 *
 * <p>The pass is an Aho-Corasick automaton: one table lookup per character of the text, whatever the number of words
 * and however many of them share a start ("we", "week", "well"), where trying the words at each offset that starts
 * one costs a compare per word. An ASCII capital reads as its small letter (in the words too), as a pattern that
 * ignores ASCII case only reads it: the prefilters this serves stand in for such patterns, so a text need not be
 * lower-cased (a copy, at a cost per character) before it is asked.
 */
public final class AnyWord {

    /** At most this many groups: their set is a {@code long}. */
    public static final int MOST_GROUPS = 64;

    /** Characters of the words outside ASCII, sorted: each has a class of its own after the 128 ASCII ones. */
    private final char[] nonAscii;
    /** Classes of characters: ASCII, then {@link #nonAscii}, then every other character (in no word). */
    private final int classes;
    /**
     * The moves, by row ({@code state * classes}): {@code rows[row + class]} is the row of the state after reading a
     * character of that class, or, where that state ends a word, the complement of the state ({@code ~state}). A pass
     * then follows rows alone, with no multiply between one character and the next, and reads {@link #ending} (and
     * multiplies) only where a word ends.
     */
    private final int[] rows;
    /** By state, the groups of the words that end where the state has read. */
    private final long[] ending;
    /** Every group's bit. */
    private final long allGroups;

    private AnyWord(List<? extends Collection<String>> groups) {
        if (groups.size() > MOST_GROUPS) {
            throw new IllegalArgumentException("at most " + MOST_GROUPS + " groups: " + groups.size());
        }
        StringBuilder outside = new StringBuilder();
        int chars = 0;
        for (Collection<String> group : groups) {
            for (String word : group) {
                if (word.isEmpty()) {
                    throw new IllegalArgumentException("an empty word is in every text: " + groups);
                }
                chars += word.length();
                word.chars().filter(c -> c >= 128 && outside.indexOf(String.valueOf((char) c)) < 0)
                        .forEach(c -> outside.append((char) c));
            }
        }
        nonAscii = outside.toString().toCharArray();
        Arrays.sort(nonAscii);
        classes = 128 + nonAscii.length + 1;
        // The trie of the words: state 0 the root, a state per distinct start of a word; -1 where none goes on.
        int[] trie = new int[(chars + 1) * classes];
        Arrays.fill(trie, -1);
        long[] ends = new long[chars + 1];
        int states = 1;
        for (int g = 0; g < groups.size(); g++) {
            for (String word : groups.get(g)) {
                int state = 0;
                for (int k = 0; k < word.length(); k++) {
                    int at = state * classes + classOf(fold(word.charAt(k)));
                    if (trie[at] < 0) {
                        trie[at] = states++;
                    }
                    state = trie[at];
                }
                ends[state] |= 1L << g;
            }
        }
        // Breadth first, each state's missing moves become its longest proper suffix's (the failure link), and it
        // ends what that suffix ends: the standard construction, which reads each character of a text once.
        int[] next = Arrays.copyOf(trie, states * classes);
        ending = Arrays.copyOf(ends, states);
        int[] fail = new int[states];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int child = next[c];
            if (child < 0) {
                next[c] = 0;
            } else {
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            ending[state] |= ending[fail[state]];
            for (int c = 0; c < classes; c++) {
                int at = state * classes + c;
                int child = next[at];
                int viaFail = next[fail[state] * classes + c];
                if (child < 0) {
                    next[at] = viaFail;
                } else {
                    fail[child] = viaFail;
                    queue.add(child);
                }
            }
        }
        rows = new int[next.length];
        for (int at = 0; at < next.length; at++) {
            int to = next[at];
            rows[at] = ending[to] == 0 ? to * classes : ~to;
        }
        this.allGroups = groups.size() == MOST_GROUPS ? -1L : (1L << groups.size()) - 1;
    }

    /** An ASCII capital's small letter; any other character itself. */
    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** By ASCII character, the class it reads as: its small letter's for a capital ({@link #fold}). */
    private static final int[] ASCII_CLASS = asciiClasses();

    private static int[] asciiClasses() {
        int[] classes = new int[128];
        for (char c = 0; c < 128; c++) {
            classes[c] = fold(c);
        }
        return classes;
    }

    private int classOf(char c) {
        if (c < 128) {
            return c;
        }
        int k = Arrays.binarySearch(nonAscii, c);
        return k >= 0 ? 128 + k : classes - 1;
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
        return groupsIn(text, 0, allGroups, true) != 0;
    }

    /** Whether {@code text} from {@code from} on holds one of the words. */
    public boolean in(String text, int from) {
        return groupsIn(text, from, allGroups, true) != 0;
    }

    /**
     * The groups with a word in {@code text}: bit {@code g} is set where group {@code g} has one (numbered as given to
     * {@link #ofGroups}).
     */
    public long groupsIn(String text) {
        return groupsIn(text, 0, allGroups, false);
    }

    /**
     * The groups of {@code wanted} (bits as {@link #groupsIn(String)} sets them) with a word in {@code text}, found
     * in one pass that stops once every wanted group has one.
     */
    public long groupsIn(String text, long wanted) {
        return groupsIn(text, 0, wanted, false);
    }

    /** {@link #groupsIn(String, long)} of {@code text} from {@code from} on. */
    public long groupsIn(String text, int from, long wanted) {
        return groupsIn(text, from, wanted, false);
    }

    /**
     * The groups of {@code wanted} with a word in {@code text}, found in one pass that stops once every wanted group
     * has one, or at the first word found where {@code firstOnly}.
     */
    private long groupsIn(String text, int from, long wanted, boolean firstOnly) {
        if (wanted == 0) {
            return 0;
        }
        int[] moves = rows;
        int[] ascii = ASCII_CLASS;
        int row = 0;
        long found = 0;
        for (int i = from, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            int to = moves[row + (c < 128 ? ascii[c] : classOf(c))];
            if (to >= 0) {
                row = to;
                continue;
            }
            row = ~to * classes;
            long ended = ending[~to] & wanted;
            if (ended != 0) {
                found |= ended;
                if (firstOnly || found == wanted) {
                    return found;
                }
            }
        }
        return found;
    }
}
