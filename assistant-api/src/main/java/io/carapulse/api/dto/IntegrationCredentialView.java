package io.carapulse.api.dto;

import java.time.Instant;

/**
 * Answer of {@code GET /v1/integrations/credentials}: a credential handed to an agent. The only answer
 * of the API that holds a credential; sent with {@code Cache-Control: no-store}.
 *
 * @param integrationId the integration it comes from
 * @param provider      {@code github}, {@code gitlab}, {@code jira} or {@code generic}
 * @param kind          {@code pat}, {@code basic_auth} (with {@code username}), or what was minted
 * @param token         the credential
 * @param username      who the service says it is (Jira: the account's email, needed with the token)
 * @param expiresAt     when it stops working, if the broker knows (null for a stored token)
 */
public record IntegrationCredentialView(String integrationId, String provider, String kind, String token,
                                        String username, Instant expiresAt) {

    /** Never the token. */
    @Override
    public String toString() {
        return "IntegrationCredentialView[" + integrationId + ", " + provider + ", " + kind + "]";
    }
}
