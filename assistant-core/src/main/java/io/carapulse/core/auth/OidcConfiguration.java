package io.carapulse.core.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.carapulse.api.auth.Role;
import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code carapulse.auth.oidc.*}: which issuer's JWTs are accepted and how their groups become
 * roles. Present only when an issuer is configured; checked when the server starts.
 *
 * @param issuer       the exact {@code iss} value; discovery reads {@code <issuer>/.well-known/openid-configuration}
 * @param audience     a value the token's {@code aud} must contain
 * @param groupsClaim  the claim holding the caller's groups
 * @param roleMapping  group name to roles
 * @param clockSkew    tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param requireEmailVerified whether the {@code email} claim counts only with {@code email_verified: true};
 *                     otherwise it also counts when the token has no {@code email_verified} (see {@link OidcEmails})
 * @param agents       the subjects ({@code sub}) that are agents, not people: an external agent's client, whose
 *                     client-credentials tokens carry its client id as {@code sub}; such a caller authenticates as
 *                     an agent ({@code oidc:<sub>}, kind {@code agent})
 */
@ConfigurationProperties("carapulse.auth.oidc")
@Requires(property = "carapulse.auth.oidc.issuer")
public record OidcConfiguration(
        String issuer,
        @Nullable String audience,
        @Bindable(defaultValue = "groups") String groupsClaim,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, List<String>> roleMapping,
        @Bindable(defaultValue = "60s") Duration clockSkew,
        @Bindable(defaultValue = "false") boolean requireEmailVerified,
        @Nullable List<String> agents) {

    /** Without agents. */
    public OidcConfiguration(String issuer, String audience, String groupsClaim, Map<String, List<String>> roleMapping,
                             Duration clockSkew, boolean requireEmailVerified) {
        this(issuer, audience, groupsClaim, roleMapping, clockSkew, requireEmailVerified, null);
    }

    public OidcConfiguration {
        agents = agents == null ? List.of() : List.copyOf(agents);
        for (String agent : agents) {
            if (agent == null || agent.isBlank() || agent.length() > 200) {
                throw new ConfigurationException("carapulse.auth.oidc.agents: each entry is an OIDC subject (sub) of "
                        + "1-200 characters");
            }
        }
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigurationException("carapulse.auth.oidc.issuer must not be blank");
        }
        requireSecureUrl(issuer, "carapulse.auth.oidc.issuer");
        if (audience == null || audience.isBlank()) {
            throw new ConfigurationException("carapulse.auth.oidc.audience (CARAPULSE_AUTH_OIDC_AUDIENCE) is required"
                    + " when carapulse.auth.oidc.issuer is set: without it a token minted for any other client"
                    + " of the same issuer would be accepted");
        }
        if (groupsClaim == null || groupsClaim.isBlank()) {
            throw new ConfigurationException("carapulse.auth.oidc.groups-claim must not be blank");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException("carapulse.auth.oidc.clock-skew must be between 0s and 5m");
        }
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        if (roleMapping != null) {
            roleMapping.forEach((group, roles) -> {
                for (String role : roles) {
                    if (Role.fromConfig(role).isEmpty()) {
                        throw new ConfigurationException("carapulse.auth.oidc.role-mapping." + group
                                + ": unknown role '" + role + "' (known: viewer, operator, approver, admin)");
                    }
                }
                mapping.put(group, List.copyOf(roles));
            });
        }
        roleMapping = Map.copyOf(mapping);
    }

    /**
     * The person behind verified claims (a bearer JWT's, or the ID token of a console sign-in):
     * {@code oidc:<sub>}, shown as the verified email or else {@code sub}, with the roles their groups map to;
     * for a {@code sub} listed in {@code agents}, an agent ({@link AuthKind#AGENT}) shown as its {@code sub}.
     */
    public Actor actor(JWTClaimsSet claims) {
        String sub = claims.getSubject();
        // shown as the verified email, else sub; compared with anything only through the email itself
        if (agents.contains(sub)) {
            // an external agent's client: not a person, so no email, and never one of the people's channels
            return new Actor("oidc:" + sub, sub, AuthKind.AGENT, rolesFor(groups(claims.getClaim(groupsClaim))), null);
        }
        String email = OidcEmails.verifiedEmail(claims, requireEmailVerified);
        return new Actor("oidc:" + sub, email != null ? email : sub, AuthKind.OIDC,
                rolesFor(groups(claims.getClaim(groupsClaim))), email);
    }

    private static List<String> groups(Object claim) {
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (claim instanceof String single) {
            return List.of(single);
        }
        return List.of();
    }

    /** The roles the given groups map to; groups without a mapping grant nothing. */
    public Set<Role> rolesFor(Iterable<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups) {
            roleMapping.getOrDefault(group, List.of()).forEach(r -> Role.fromConfig(r).ifPresent(roles::add));
        }
        return roles;
    }

    /**
     * Keys travel over this URL, so plain http is refused except on the loopback interface (a local
     * test issuer).
     */
    static void requireSecureUrl(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(what + " is not a URL: " + url);
        }
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw new ConfigurationException(what + " must be an https URL (http only for localhost): " + url);
        }
    }
}
