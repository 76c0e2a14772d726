package io.carapulse.core.broker.integration;

/**
 * Where an integration's credential comes from when the broker mints it (a row of
 * {@code integration_source}, V20): a GitHub App ({@link #GITHUB_APP}: {@code appId}; the installation is the
 * integration's {@code externalId}), or an identity a credential provider minted ({@link #SERVICE_ACCOUNT}:
 * the group's service account {@code userId} and its token {@code tokenId}; {@link #PROJECT_ACCESS_TOKEN}:
 * the project's token {@code tokenId} and its bot {@code userId}), kept so that unlink can deprovision it.
 * No credential.
 */
record Source(String integrationId, String kind, String appId, String credentialProviderId, String targetId,
              String userId, String tokenId) {

    static final String GITHUB_APP = "github_app";
    static final String SERVICE_ACCOUNT = "service_account";
    static final String PROJECT_ACCESS_TOKEN = "project_access_token";

    static Source app(String appId) {
        return new Source(null, GITHUB_APP, appId, null, null, null, null);
    }

    /** This source as the integration {@code id}'s. */
    Source of(String id) {
        return new Source(id, kind, appId, credentialProviderId, targetId, userId, tokenId);
    }

    /** Whether unlinking has something to deprovision at the service. */
    boolean deprovisions() {
        return credentialProviderId != null;
    }
}
