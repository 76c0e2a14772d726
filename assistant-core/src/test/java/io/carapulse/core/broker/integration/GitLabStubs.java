package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * A GitLab as WireMock plays it for credential providers, in GitLab's own shapes (doc/api/users.md,
 * groups.md, projects.md, group_service_accounts.md, members.md, project_access_tokens.md): an Owner's
 * token {@link #ADMIN}, a top-level group {@code acme} (345), a project {@code acme/web} (42), and the
 * identities minted in them ({@link #SA_TOKEN}, {@link #PROJECT_TOKEN}).
 */
final class GitLabStubs {

    static final String ADMIN = "glpat-canaryOwnerZq8wX2vN7mK4pR9s";
    static final String SA_TOKEN = "glpat-canaryServiceAcct3uYb7d1cQ";
    static final String PROJECT_TOKEN = "glpat-canaryProjectTok9e4bR3xW2";
    static final String SA_USERNAME = "service_account_group_345_6018816a18e515214e0c34c2b33523fc";
    static final String BOT_USERNAME = "project_42_bot_4e1a2fd1c2a44bbb8c5d9b56e0b0ae11";

    private final WireMockServer gitlab;

    GitLabStubs(WireMockServer gitlab) {
        this.gitlab = gitlab;
    }

    /** The Owner's token, the group and the project, as GitLab answers them to it; 401 for any other token. */
    void owner() {
        gitlab.stubFor(WireMock.get("/api/v4/user").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(200, "{\"id\":7,\"username\":\"platform-owner\",\"name\":\"Platform Owner\","
                        + "\"state\":\"active\",\"locked\":false,\"avatar_url\":null,\"web_url\":\"https://gitlab.example.com/platform-owner\"}")));
        gitlab.stubFor(WireMock.get("/api/v4/groups/acme").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(200, group(345, "acme", "null"))));
        gitlab.stubFor(WireMock.get("/api/v4/groups/acme%2Fplatform").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(200, group(346, "acme/platform", "345"))));
        gitlab.stubFor(WireMock.get("/api/v4/projects/acme%2Fweb").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(200, "{\"id\":42,\"description\":null,\"name\":\"web\",\"name_with_namespace\":\"acme / web\","
                        + "\"path\":\"web\",\"path_with_namespace\":\"acme/web\",\"created_at\":\"2024-01-02T10:00:00.000Z\","
                        + "\"default_branch\":\"main\",\"visibility\":\"private\",\"namespace\":{\"id\":345,\"name\":\"acme\","
                        + "\"path\":\"acme\",\"kind\":\"group\",\"full_path\":\"acme\",\"parent_id\":null}}")));
        gitlab.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(json(401, "{\"message\":\"401 Unauthorized\"}")).atPriority(10));
        gitlab.stubFor(WireMock.get(WireMock.urlMatching("/api/v4/(groups|projects)/.*")).withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(404, "{\"message\":\"404 Group Not Found\"}")).atPriority(9));
    }

    /** Group 345 mints service account 57 and its token 6; the token opens /user as the account. */
    void serviceAccount() {
        gitlab.stubFor(WireMock.post("/api/v4/groups/345/service_accounts").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(201, "{\"id\":57,\"username\":\"" + SA_USERNAME + "\",\"name\":\"carapulse-prod\"}")));
        gitlab.stubFor(WireMock.post("/api/v4/groups/345/members").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(201, "{\"id\":57,\"username\":\"" + SA_USERNAME + "\",\"name\":\"carapulse-prod\","
                        + "\"state\":\"active\",\"access_level\":30,\"created_at\":\"2026-12-07T18:00:00.000Z\",\"expires_at\":null}")));
        gitlab.stubFor(WireMock.post("/api/v4/groups/345/service_accounts/57/personal_access_tokens")
                .withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(201, "{\"id\":6,\"name\":\"carapulse-prod\",\"revoked\":false,\"created_at\":"
                        + "\"2026-12-07T18:00:00.000Z\",\"scopes\":[\"read_repository\",\"write_repository\"],\"user_id\":57,"
                        + "\"last_used_at\":null,\"active\":true,\"expires_at\":\"2027-01-06\",\"token\":\"" + SA_TOKEN + "\"}")));
        gitlab.stubFor(WireMock.get("/api/v4/user").withHeader("PRIVATE-TOKEN", equalTo(SA_TOKEN))
                .willReturn(json(200, "{\"id\":57,\"username\":\"" + SA_USERNAME + "\",\"name\":\"carapulse-prod\","
                        + "\"state\":\"active\",\"bot\":true}")));
        gitlab.stubFor(WireMock.delete("/api/v4/groups/345/service_accounts/57").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(aResponse().withStatus(204)));
    }

    /** Project 42 mints token 58 of bot 166; the token opens /user as the bot. */
    void projectToken() {
        gitlab.stubFor(WireMock.post("/api/v4/projects/42/access_tokens").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(json(201, "{\"scopes\":[\"api\"],\"active\":true,\"name\":\"carapulse-global\",\"revoked\":false,"
                        + "\"created_at\":\"2026-12-07T18:00:00.000Z\",\"description\":null,\"user_id\":166,\"id\":58,"
                        + "\"expires_at\":\"2026-12-14\",\"token\":\"" + PROJECT_TOKEN + "\",\"access_level\":40}")));
        gitlab.stubFor(WireMock.get("/api/v4/user").withHeader("PRIVATE-TOKEN", equalTo(PROJECT_TOKEN))
                .willReturn(json(200, "{\"id\":166,\"username\":\"" + BOT_USERNAME + "\",\"name\":\"carapulse-global\","
                        + "\"state\":\"active\",\"bot\":true}")));
        gitlab.stubFor(WireMock.delete("/api/v4/projects/42/access_tokens/58").withHeader("PRIVATE-TOKEN", equalTo(ADMIN))
                .willReturn(aResponse().withStatus(204)));
    }

    private static String group(int id, String fullPath, String parent) {
        String path = fullPath.substring(fullPath.lastIndexOf('/') + 1);
        return "{\"id\":" + id + ",\"web_url\":\"https://gitlab.example.com/groups/" + fullPath + "\",\"name\":\"" + path
                + "\",\"path\":\"" + path + "\",\"description\":\"\",\"visibility\":\"private\",\"full_name\":\"" + fullPath
                + "\",\"full_path\":\"" + fullPath + "\",\"created_at\":\"2024-01-02T10:00:00.000Z\",\"parent_id\":" + parent + "}";
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
