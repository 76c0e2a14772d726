package io.carapulse.core.auth;

import io.carapulse.api.auth.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is acting: a person (OIDC), a token, or the system. {@code id} is what the audit and
 * separation of duties compare: {@code oidc:<sub>}, {@code token:<id>}, {@code system}.
 *
 * @param id    stable identity
 * @param name  what people see (email, token name)
 * @param kind  how it authenticated
 * @param roles what it may do
 */
public record Actor(String id, String name, AuthKind kind, Set<Role> roles) {

    public static final Actor SYSTEM = new Actor("system", "carapulse", AuthKind.SYSTEM, EnumSet.allOf(Role.class));

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Whether this actor holds {@code role}; {@code admin} holds every role. */
    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** Whether this actor holds any of {@code allowed}. */
    public boolean hasAny(Set<Role> allowed) {
        return roles.contains(Role.ADMIN) || allowed.stream().anyMatch(roles::contains);
    }
}
