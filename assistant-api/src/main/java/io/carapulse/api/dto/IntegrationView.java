package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * An integration of the credential broker, as the API shows it: never its credentials.
 *
 * @param id           {@code int_…}
 * @param provider     {@code github}, {@code gitlab}, {@code jira} or {@code generic}
 * @param authType     {@code pat}, {@code basic_auth}, {@code app} or {@code automated}
 * @param scope        {@code global}, {@code environments} or {@code agent}
 * @param environments the environments it serves (empty when global)
 * @param baseUrl      the service's URL it was checked against
 * @param username     who the service says the credential is (login, username, email or display name);
 *                     null for a generic token
 * @param externalId   the service's id of that user (GitHub/GitLab user id, Jira accountId)
 * @param scopes       the scopes the service reported for the token (GitHub's {@code X-OAuth-Scopes},
 *                     GitLab's token self-info); empty when it did not say
 * @param status       {@code active}
 * @param createdBy    who linked it
 * @param createdAt    when
 * @param agent        for scope {@code agent}: the agent, as a principal: {@code token:<id>} (an agent token),
 *                     {@code oidc:<sub>} (an external agent) or {@code runbook:<name>}; null otherwise
 */
public record IntegrationView(
        String id,
        String provider,
        String authType,
        String scope,
        List<String> environments,
        String baseUrl,
        String username,
        String externalId,
        List<String> scopes,
        String status,
        String createdBy,
        Instant createdAt,
        String agent) {

    /** An integration that is not agent-scoped. */
    public IntegrationView(String id, String provider, String authType, String scope, List<String> environments,
                           String baseUrl, String username, String externalId, List<String> scopes, String status,
                           String createdBy, Instant createdAt) {
        this(id, provider, authType, scope, environments, baseUrl, username, externalId, scopes, status, createdBy,
                createdAt, null);
    }
}
