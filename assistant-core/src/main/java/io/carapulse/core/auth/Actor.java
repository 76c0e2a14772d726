package io.carapulse.core.auth;

import io.carapulse.api.auth.Role;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who is acting: a person (OIDC), a token, or the system. {@code id} is what the audit and
 * separation of duties compare: {@code oidc:<sub>}, {@code token:<id>}, {@code system}. Where people
 * are matched across channels and with PagerDuty, only {@code email} counts: never the name, which
 * is for display and may be anything (a token's name, an OIDC {@code sub}).
 *
 * @param id    stable identity
 * @param name  what people see (email, token name, {@code sub}); never compared
 * @param kind  how it authenticated
 * @param roles what it may do
 * @param email the person's verified email: the OIDC {@code email} claim (see {@link OidcEmails}) or
 *              the address an approval channel names; null for tokens, the system and people whose
 *              email is unknown or unverified
 */
public record Actor(String id, String name, AuthKind kind, Set<Role> roles, String email) {

    public static final Actor SYSTEM = new Actor("system", "carapulse", AuthKind.SYSTEM, EnumSet.allOf(Role.class));

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        email = email == null || email.isBlank() ? null : email;
    }

    /** An actor without an email (API tokens, the system). */
    public Actor(String id, String name, AuthKind kind, Set<Role> roles) {
        this(id, name, kind, roles, null);
    }

    /** Whether this actor is an agent: a principal acting without a person (an API token created as an agent). */
    public boolean agent() {
        return kind == AuthKind.AGENT;
    }

    /** Whether this actor holds {@code role}; {@code admin} holds every role. */
    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** Whether this actor holds any of {@code allowed}. */
    public boolean hasAny(Set<Role> allowed) {
        return roles.contains(Role.ADMIN) || allowed.stream().anyMatch(roles::contains);
    }

    /** Whether this actor's verified email is {@code other} (case-insensitive); false when either is unknown. */
    public boolean hasEmail(String other) {
        return email != null && other != null && !other.isBlank()
                && email.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }
}
