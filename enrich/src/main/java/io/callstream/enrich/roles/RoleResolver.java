package io.callstream.enrich.roles;

import java.util.Locale;

import io.callstream.avro.Role;
import io.callstream.schemas.calls.OrganisationNames;

/**
 * Decides a speaker's role from what the source says about them, never from a guess: the operator by label,
 * executives by an affiliation that names the call's company, analysts by any other firm. Everyone else stays
 * UNKNOWN, including a speaker with no label at all.
 */
public final class RoleResolver {

    private static final String OPERATOR_LABEL = "operator";

    private final String companyKey;

    /** @param company the call's company as CallStarted gave it, or null where unknown. */
    public RoleResolver(String company) {
        this.companyKey = company == null ? "" : OrganisationNames.key(company);
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
        return OrganisationNames.isNamed(OrganisationNames.key(affiliation), companyKey)
                ? new RoleChoice(Role.EXECUTIVE, "affiliation '" + affiliation + "' is the call's company")
                : new RoleChoice(Role.ANALYST, "affiliation '" + affiliation + "' is another firm than the call's company");
    }
}
