package io.callstream.enrich.roles;

import java.util.Locale;
import java.util.regex.Pattern;

import io.callstream.avro.Role;

/**
 * Decides a speaker's role from what the source says about them, never from a guess: the operator by label,
 * executives by an affiliation that names the call's company, analysts by any other firm. Everyone else stays
 * UNKNOWN, including a speaker with no label at all.
 */
public final class RoleResolver {

    private static final String OPERATOR_LABEL = "operator";
    // Corporate suffixes vary between sources ("Tesla, Inc.", "Tesla Inc", "Tesla Motors"), the name does not.
    private static final Pattern CORPORATE_SUFFIX = Pattern.compile(
            "\\b(incorporated|inc|corporation|corp|co|company|ltd|limited|llc|plc|sa|ag|nv|group|holdings)\\b");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N} ]");

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
        String lower = NON_ALNUM.matcher(organisation.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return CORPORATE_SUFFIX.matcher(lower).replaceAll(" ").replaceAll("\\s+", " ").trim();
    }
}
