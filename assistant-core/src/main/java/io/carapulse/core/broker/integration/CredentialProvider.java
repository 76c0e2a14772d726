package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.CredentialProviderView;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A registered GitLab credential provider (a row of {@code credential_provider}, V20): where it mints (a
 * top-level group's service accounts, or a project's access tokens) and what (scopes, role, lifetime). Its
 * privileged token is in the broker under {@link #owner}, never here.
 */
record CredentialProvider(String id, String mode, URI baseUrl, String targetId, String targetPath, List<String> scopes,
                          int accessLevel, int expiresInDays, String username, String externalId, String createdBy,
                          Instant createdAt) {

    static final String SERVICE_ACCOUNT = Source.SERVICE_ACCOUNT;
    static final String PROJECT_ACCESS_TOKEN = Source.PROJECT_ACCESS_TOKEN;
    /** The name of its token in the broker. */
    static final String TOKEN = "gitlab:token";

    CredentialProvider {
        scopes = List.copyOf(scopes);
    }

    /** The owner of its token in the broker. */
    static String owner(String id) {
        return "provider:" + id;
    }

    boolean serviceAccounts() {
        return SERVICE_ACCOUNT.equals(mode);
    }

    /** {@code groups} or {@code projects}: the API resource it mints in. */
    String resource() {
        return serviceAccounts() ? "groups" : "projects";
    }

    CredentialProviderView view(long integrations) {
        return new CredentialProviderView(id, Provider.GITLAB.wire(), mode, baseUrl.toString(),
                serviceAccounts() ? targetId : null, serviceAccounts() ? null : targetId, targetPath, scopes, accessLevel,
                expiresInDays, username, integrations, createdBy, createdAt);
    }
}
