package io.callstream.enrich.roles;

import java.util.Locale;
import java.util.Set;

import io.callstream.avro.Role;

/**
 * Decides a speaker's role from what the source says about them, never from a guess: the operator by label,
 * executives by an affiliation that names the call's company, analysts by any other firm. Everyone else stays
 * UNKNOWN, including a speaker with no label at all.
 */
public final class RoleResolver {

    private static final String OPERATOR_LABEL = "operator";
    // Corporate suffixes vary between sources ("Tesla, Inc.", "Tesla Inc", "Tesla Motors"), the name does not.
    private static final Set<String> SUFFIXES = Set.of("incorporated", "inc", "corporation", "corp", "co", "company",
            "ltd", "limited", "llc", "plc", "sa", "ag", "nv", "group", "holdings");

    private final String companyKey;

    /** @param company the call's company as CallStarted gave it, or null where unknown. */
    public RoleResolver(String company) {
        this.companyKey = company == null ? "" : key(company);
    }

    public Role resolve(String label, String affiliation) {
        return choose(label, affiliation).role();
    }

    /** The role {@link #resolve} gives, with its reason; {@link RoleChoice#UNDECIDED} where it gives UNKNOWN. */
    public RoleChoice choose(String label, String affiliation) {
        if (label != null && label.trim().toLowerCase(Locale.ROOT).equals(OPERATOR_LABEL)) {
            return new RoleChoice(Role.OPERATOR, "labelled Operator by the source");
        }
        if (affiliation == null || affiliation.isBlank() || companyKey.isEmpty()) {
            // Without the call's company, an affiliation cannot tell executive from analyst.
            return RoleChoice.UNDECIDED;
        }
        // Whole words only: "Tesla" is "Tesla Motors" but not "Teslarati Capital".
        String key = key(affiliation);
        return key.equals(companyKey) || key.startsWith(companyKey + " ")
                ? new RoleChoice(Role.EXECUTIVE, "affiliation '" + affiliation + "' is the call's company")
                : new RoleChoice(Role.ANALYST, "affiliation '" + affiliation + "' is another firm than the call's company");
    }

    /** An organisation's name for comparison: lower case, letters and digits, no corporate suffix. */
    public static String organisationKey(String organisation) {
        return key(organisation);
    }

    static String key(String organisation) {
        // By hand rather than by three regex replacements: it runs at every turn's start.
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

}
