package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Body of {@code POST /v1/integrations}: link a credential for an external service.
 *
 * @param provider     {@code github}, {@code gitlab}, {@code jira} or {@code generic}
 * @param authType     {@code pat} (github, gitlab, generic: a bearer token), {@code basic_auth} (jira),
 *                     {@code app} (github: a GitHub App installation) or {@code automated} (gitlab: minted by a
 *                     credential provider)
 * @param credentials  exactly the provider's keys: {@code {"token"}} for a {@code pat},
 *                     {@code {"username","api_token"}} for Jira's {@code basic_auth},
 *                     {@code {"appId","installationId","privateKey"}} for {@code app} (ids as strings of digits);
 *                     none for {@code automated}; never shown again
 * @param isGlobal     {@code true} for every environment; exactly one of this and {@code environments}
 * @param environments the environments it serves (configured names)
 * @param baseUrl      the service's URL (GitHub API URL, GitLab URL, Jira site, generic service); GitHub
 *                     and GitLab default to github.com and gitlab.com
 * @param validateUrl  generic only: a URL answered 2xx for the token (checked before it is stored)
 * @param credentialProvider gitlab {@code automated} only: the credential provider ({@code cpr_…}) that mints
 *                     the integration's identity; no {@code credentials} then
 * @param agent        the agent it belongs to (an agent token's id or name); exclusive with {@code isGlobal}
 *                     and {@code environments}
 */
public record IntegrationCreateRequest(
        String provider,
        String authType,
        ObjectNode credentials,
        @JsonProperty("isGlobal") Boolean isGlobal,
        List<String> environments,
        String baseUrl,
        String validateUrl,
        String credentialProvider,
        String agent) {

    /** A request for a global or environment-scoped integration. */
    public IntegrationCreateRequest(String provider, String authType, ObjectNode credentials, Boolean isGlobal,
                                    List<String> environments, String baseUrl, String validateUrl) {
        this(provider, authType, credentials, isGlobal, environments, baseUrl, validateUrl, null, null);
    }

    /** A request without an agent. */
    public IntegrationCreateRequest(String provider, String authType, ObjectNode credentials, Boolean isGlobal,
                                    List<String> environments, String baseUrl, String validateUrl,
                                    String credentialProvider) {
        this(provider, authType, credentials, isGlobal, environments, baseUrl, validateUrl, credentialProvider, null);
    }

    /** Shows which keys the credentials have, never their values. */
    @Override
    public String toString() {
        return "IntegrationCreateRequest[" + provider + ", " + authType + ", credentials="
                + (credentials == null ? "null" : keys(credentials))
                + ", isGlobal=" + isGlobal + ", environments=" + environments + ", baseUrl=" + baseUrl
                + (credentialProvider == null ? "" : ", credentialProvider=" + credentialProvider)
                + (agent == null ? "" : ", agent=" + agent) + "]";
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
