package io.callstream.enrich.roles;

import io.callstream.avro.Role;

/**
 * A role and why it was chosen, in words for the person checking it (kept as {@code Speaker.roleReason}).
 *
 * @param lasting whether the evidence is about the voice, so that its later turns may keep the role (an affiliation,
 *                an introduction), rather than about this turn alone (a guess from where it falls, a line of thanks)
 */
public record RoleChoice(Role role, String reason, boolean lasting) {

    public static final RoleChoice UNDECIDED = new RoleChoice(Role.UNKNOWN, null);

    /** A choice whose evidence is about the voice. */
    public RoleChoice(Role role, String reason) {
        this(role, reason, true);
    }

    /** A choice for this turn alone. */
    public static RoleChoice forThisTurn(Role role, String reason) {
        return new RoleChoice(role, reason, false);
    }

    public boolean decided() {
        return role != Role.UNKNOWN;
    }
}
