package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Body of {@code POST /v1/integrations/providers}: register a GitLab credential provider, an org-level token
 * that mints one dedicated GitLab identity per integration linked with {@code authType: automated}.
 *
 * @param provider      {@code gitlab}
 * @param mode          {@code service_account} (a service account of a top-level group, with a personal access
 *                      token; needs {@code groupId}) or {@code project_access_token} (needs {@code projectId})
 * @param baseUrl       the GitLab URL; default {@code https://gitlab.com}
 * @param groupId       the top-level group's numeric id or full path ({@code service_account})
 * @param projectId     the project's numeric id or full path ({@code project_access_token})
 * @param credentials   {@code {"token"}}: a token of an Owner of the group (or a Maintainer of the project) with
 *                      the {@code api} scope; never shown again
 * @param scopes        the scopes of every token it mints ({@code read_repository}, {@code api}, …)
 * @param accessLevel   the role of the minted identity: 10 guest, 20 reporter, 30 developer (default),
 *                      40 maintainer, 50 owner
 * @param expiresInDays how long a minted token lives, 1–365 days (default 30)
 */
public record CredentialProviderCreateRequest(
        String provider,
        String mode,
        String baseUrl,
        String groupId,
        String projectId,
        ObjectNode credentials,
        List<String> scopes,
        Integer accessLevel,
        Integer expiresInDays) {

    /** Never shows the credentials, only whether they were given. */
    @Override
    public String toString() {
        return "CredentialProviderCreateRequest[" + provider + ", " + mode + ", " + baseUrl + ", group=" + groupId
                + ", project=" + projectId + ", credentials=" + (credentials == null ? "null" : "{…}") + ", scopes="
                + scopes + ", accessLevel=" + accessLevel + ", expiresInDays=" + expiresInDays + "]";
    }
}
