package io.carapulse.core.auth;

import io.carapulse.api.auth.Role;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.micronaut.security.authentication.Authentication;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bridge between Micronaut Security's {@link Authentication} and our {@link Actor}. Token
 * validators put the actor's identity into the authentication's attributes under these keys; every
 * controller reads it back through {@link #of(Authentication)}.
 */
public final class Actors {

    public static final String ATTR_ID = "carapulse.actor.id";
    public static final String ATTR_NAME = "carapulse.actor.name";
    public static final String ATTR_KIND = "carapulse.actor.kind";
    public static final String ATTR_EMAIL = "carapulse.actor.email";

    private Actors() {
    }

    /** The authentication a validator returns for {@code actor}. */
    public static Authentication toAuthentication(Actor actor) {
        Map<String, Object> attrs = new HashMap<>(Map.of(ATTR_ID, actor.id(), ATTR_NAME, actor.name(),
                ATTR_KIND, actor.kind().name()));
        if (actor.email() != null) {
            attrs.put(ATTR_EMAIL, actor.email());
        }
        return Authentication.build(actor.id(), actor.roles().stream().map(Role::wire).toList(), attrs);
    }

    /** The actor behind a request; unauthenticated requests never reach a controller. */
    public static Actor of(Authentication authentication) {
        if (authentication == null) {
            throw new ProblemException(ProblemCode.UNAUTHENTICATED, "a valid bearer token is required");
        }
        Map<String, Object> attrs = authentication.getAttributes();
        String id = String.valueOf(attrs.getOrDefault(ATTR_ID, authentication.getName()));
        String name = String.valueOf(attrs.getOrDefault(ATTR_NAME, authentication.getName()));
        AuthKind kind = AuthKind.valueOf(String.valueOf(attrs.getOrDefault(ATTR_KIND, AuthKind.OIDC.name())));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.getRoles().forEach(r -> Role.fromWire(r).ifPresent(roles::add));
        Object email = attrs.get(ATTR_EMAIL);
        return new Actor(id, name, kind, roles, email == null ? null : String.valueOf(email));
    }
}
