package io.callstream.enrich.roles;

import io.callstream.avro.Role;

/** A role and why it was chosen, in words for the person checking it (kept as {@code Speaker.roleReason}). */
public record RoleChoice(Role role, String reason) {

    public static final RoleChoice UNDECIDED = new RoleChoice(Role.UNKNOWN, null);

    public boolean decided() {
        return role != Role.UNKNOWN;
    }
}
