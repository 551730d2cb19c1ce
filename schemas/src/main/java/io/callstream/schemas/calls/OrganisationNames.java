package io.callstream.schemas.calls;

import java.util.Locale;
import java.util.Set;

/**
 * How an organisation's name is compared wherever a call's company meets another name (an affiliation, a watchlist's
 * companies, the speakers' shared affiliation): case, punctuation and corporate suffixes aside, since they vary between
 * sources ("Tesla, Inc.", "Tesla Inc", "Tesla Motors") while the name does not.
 */
public final class OrganisationNames {

    private static final Set<String> SUFFIXES = Set.of("incorporated", "inc", "corporation", "corp", "co", "company",
            "ltd", "limited", "llc", "plc", "sa", "ag", "nv", "group", "holdings");

    private OrganisationNames() {
    }

    /** The name for comparison: lower-case words of letters and digits, one space apart, no corporate suffix. */
    public static String key(String organisation) {
        // By hand rather than by regex replacements: it runs at every turn's start.
        StringBuilder key = new StringBuilder(organisation.length());
        StringBuilder word = new StringBuilder();
        String lower = organisation.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (!word.isEmpty()) {
                if (!SUFFIXES.contains(word.toString())) {
                    key.append(key.isEmpty() ? "" : " ").append(word);
                }
                word.setLength(0);
            }
        }
        return key.toString();
    }

    /**
     * Whether the organisation keyed {@code key} is the one keyed {@code nameKey} (both from {@link #key}), whole words
     * only: "Tesla" is "Tesla Motors" but not "Teslarati Capital"; an empty name is no one.
     */
    public static boolean isNamed(String key, String nameKey) {
        return !nameKey.isEmpty() && (key.equals(nameKey) || key.startsWith(nameKey + " "));
    }
}
