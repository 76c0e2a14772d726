package io.carapulse.core.support;

import io.carapulse.api.auth.Role;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import java.util.Set;

/** The cast of the lifecycle tests: people signed in with OIDC, each with a verified email. */
public final class People {

    /** Operator who also holds approver: may approve others' plans, never her own in prod. */
    public static final Actor ALICE = person("alice", Role.OPERATOR, Role.APPROVER);
    /** Approver. */
    public static final Actor BOB = person("bob", Role.APPROVER);
    /** Operator only. */
    public static final Actor OLIVER = person("oliver", Role.OPERATOR);
    /** Viewer only. */
    public static final Actor VERA = person("vera", Role.VIEWER);
    /** Admin. */
    public static final Actor ADA = person("ada", Role.ADMIN);
    /** A second admin, for break-glass separation of duties. */
    public static final Actor ADRIAN = person("adrian", Role.ADMIN);

    private People() {
    }

    private static Actor person(String name, Role... roles) {
        return new Actor("oidc:" + name, name + "@example.com", AuthKind.OIDC, Set.of(roles), name + "@example.com");
    }
}
