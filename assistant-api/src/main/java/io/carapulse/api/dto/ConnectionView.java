package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * A person's OAuth connection to GitHub or GitLab, as the API shows it: never its tokens.
 *
 * @param id         {@code con_…}
 * @param provider   {@code github} or {@code gitlab}
 * @param actor      whose it is: the actor id ({@code oidc:<sub>}, {@code token:<id>})
 * @param actorName  that person's name as they signed in
 * @param username   who the provider says the person is (GitHub login, GitLab username)
 * @param externalId the provider's user id
 * @param scopes     the scopes the provider granted
 * @param status     {@code connected} or {@code disconnected}
 * @param expiresAt  when the current access token expires (it is refreshed before); null when it does not
 * @param createdAt  when it was connected
 * @param updatedAt  when it last changed (a refresh, a revocation)
 * @param kind       {@code oauth} (made through the provider's consent page) or {@code user_token} (the person's
 *                   own personal access token, handed over with {@code PUT /v1/connections/{provider}/token})
 */
public record ConnectionView(
        String id,
        String provider,
        String actor,
        String actorName,
        String username,
        String externalId,
        List<String> scopes,
        String status,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        String kind) {

    /** An OAuth connection. */
    public ConnectionView(String id, String provider, String actor, String actorName, String username,
                          String externalId, List<String> scopes, String status, Instant expiresAt, Instant createdAt,
                          Instant updatedAt) {
        this(id, provider, actor, actorName, username, externalId, scopes, status, expiresAt, createdAt, updatedAt,
                "oauth");
    }
}
