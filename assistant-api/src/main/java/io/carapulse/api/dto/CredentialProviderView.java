package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * A GitLab credential provider as the API shows it: never its token.
 *
 * @param id            {@code cpr_…}
 * @param provider      {@code gitlab}
 * @param mode          {@code service_account} or {@code project_access_token}
 * @param baseUrl       the GitLab URL
 * @param groupId       the group's numeric id as GitLab reported it ({@code service_account}), else null
 * @param projectId     the project's numeric id as GitLab reported it ({@code project_access_token}), else null
 * @param targetPath    the group's or project's full path
 * @param scopes        the scopes of the tokens it mints
 * @param accessLevel   the role of the identities it mints
 * @param expiresInDays how long a minted token lives
 * @param username      who its token is in GitLab
 * @param integrations  how many integrations hold an identity it minted
 * @param createdBy     who registered it
 * @param createdAt     when
 */
public record CredentialProviderView(
        String id,
        String provider,
        String mode,
        String baseUrl,
        String groupId,
        String projectId,
        String targetPath,
        List<String> scopes,
        int accessLevel,
        int expiresInDays,
        String username,
        long integrations,
        String createdBy,
        Instant createdAt) {
}
