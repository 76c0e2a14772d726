package io.carapulse.core.broker.integration;

import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A person's own token checked at its service the way an integration's is ({@link CredentialCheck}: GitHub
 * {@code /user}, GitLab {@code /api/v4/user}), for a {@code user_token} connection. Refusals are
 * {@link Refusal}s with the integration's codes ({@code credential_rejected}, {@code provider_unreachable},
 * {@code provider_rate_limited}); the token is in none of them.
 */
@Singleton
public class TokenCheck {

    /** What the service said about the token. */
    public record Checked(String username, String externalId, List<String> scopes) {
    }

    private final CredentialCheck check;

    TokenCheck(CredentialCheck check) {
        this.check = check;
    }

    /**
     * @param provider {@code github} or {@code gitlab}
     * @param base     GitHub's API URL, or GitLab's instance URL (without {@code /api/v4})
     */
    public Checked check(String provider, URI base, String token) {
        Provider p = Provider.fromWire(provider).orElseThrow(() -> new IllegalArgumentException(provider));
        Identity identity = check.check(p, base, new Credentials(Map.of("token", token)), null);
        return new Checked(identity.username(), identity.externalId(), identity.scopes());
    }
}
