package io.callstream.enrich.text;

import java.util.List;

/**
 * A prefilter for a case-blind pattern: groups of words, each group holding one word that every match of the
 * pattern contains. A text lacking every word of some group cannot match, and the pattern's scan, which costs far
 * more than a few {@link String#contains} searches, is skipped. Each use says why its words are in every match, and
 * its tests check it on real calls.
 *
 * <p>Searched in the text lower-cased ({@link java.util.Locale#ROOT}): the patterns ignore ASCII case only, and
 * lower-casing puts each ASCII letter's lower case where it stands, so an ASCII word a pattern matches is in the
 * lower-cased text (a non-ASCII letter that lower-cases to an ASCII one only lets a text through).
 */
public final class RequiredWords {

    private final List<List<String>> groups;
    /**
     * Each group, searched in one pass. Not all groups in one pass ({@link AnyWord#allIn}): a text lacking the first
     * group's words, as most do, is then ruled out by one scan that tries none of the later groups' common words.
     */
    private final List<AnyWord> searches;

    private RequiredWords(List<List<String>> groups) {
        this.groups = groups.stream().map(List::copyOf).toList();
        for (List<String> group : groups) {
            if (group.isEmpty() || group.stream().anyMatch(word -> word.isEmpty() || !word.equals(word.toLowerCase(
                    java.util.Locale.ROOT)))) {
                throw new IllegalArgumentException("a group of lower-case words, none empty: " + group);
            }
        }
        this.searches = this.groups.stream().map(AnyWord::of).toList();
    }

    public List<List<String>> groups() {
        return groups;
    }

    /** One group: every match holds one of {@code words}. */
    public static RequiredWords anyOf(String... words) {
        return new RequiredWords(List.of(List.of(words)));
    }

    /** This and another group. */
    public RequiredWords andAnyOf(String... words) {
        List<List<String>> more = new java.util.ArrayList<>(groups);
        more.add(List.of(words));
        return new RequiredWords(more);
    }

    /** False where the pattern cannot match a text whose lower case is {@code lowerCase}. */
    public boolean mayMatch(String lowerCase) {
        for (AnyWord search : searches) {
            if (!search.in(lowerCase)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Several prefilters over the same text, answered by one pass over it: where each alone would scan the text once
     * or more (once per group, until one lacks its words), and several share groups (a negation, "question").
     * Immutable.
     */
    public static final class OnePass {

        private final AnyWord words;
        /** By filter, the bits of the groups it needs. */
        private final long[] needs;

        private OnePass(List<RequiredWords> filters) {
            if (filters.size() > AnyWord.MOST_GROUPS) {
                throw new IllegalArgumentException("at most " + AnyWord.MOST_GROUPS + " filters: " + filters.size());
            }
            List<List<String>> distinct = new java.util.ArrayList<>();
            needs = new long[filters.size()];
            for (int f = 0; f < filters.size(); f++) {
                for (List<String> group : filters.get(f).groups) {
                    int g = distinct.indexOf(group);
                    if (g < 0) {
                        g = distinct.size();
                        distinct.add(group);
                    }
                    needs[f] |= 1L << g;
                }
            }
            words = AnyWord.ofGroups(distinct);
        }

        public static OnePass of(List<RequiredWords> filters) {
            return new OnePass(filters);
        }

        /**
         * The filters that may match a text whose lower case is {@code lowerCase}: bit {@code f} is set where
         * {@code filters.get(f).mayMatch(lowerCase)}.
         */
        public long mayMatch(String lowerCase) {
            return mayMatch(lowerCase, 0);
        }

        /**
         * {@link #mayMatch(String)} of {@code text} from {@code from} on, in any case: the words are looked for
         * ignoring ASCII case ({@link AnyWord}), as the patterns read them, so the text need not be lower-cased.
         */
        public long mayMatch(String text, int from) {
            long found = words.groupsIn(text, from, -1L);
            long passing = 0;
            for (int f = 0; f < needs.length; f++) {
                if ((found & needs[f]) == needs[f]) {
                    passing |= 1L << f;
                }
            }
            return passing;
        }
    }

    @Override
    public String toString() {
        return "RequiredWords" + groups;
    }
}
