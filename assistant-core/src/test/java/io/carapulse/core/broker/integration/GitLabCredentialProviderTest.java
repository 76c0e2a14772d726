package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GitLab credential providers against a WireMock GitLab in its real shapes ({@link GitLabStubs}): registering
 * checks the Owner's token and the group or project; linking {@code automated} mints a service account (with
 * membership and a token) or a project access token, checks it and stores it; unlinking deprovisions it, and
 * still unlinks when GitLab fails, saying so in the audit. No token is in a response, the audit, the log or
 * the bytes of the H2 file.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitLabCredentialProviderTest implements TestPropertyProvider {

    private final WireMockServer gitlab = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final GitLabStubs stubs = new GitLabStubs(gitlab);
    private final BrokerTraces traces = new BrokerTraces();
    private Path h2;

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject IntegrationCredentials credentials;

    private TestHttp http;
    private String admin;
    private String viewer;

    @Override
    public Map<String, String> getProperties() {
        gitlab.start();
        try {
            h2 = Files.createTempDirectory("carapulse-h2-gitlab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "carapulse.broker.validation-timeout", "10s",
                "datasources.default.url", "jdbc:h2:file:" + h2.resolve("carapulse")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @BeforeEach
    void setUp() {
        gitlab.resetAll();
        stubs.owner();
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        IntegrationTables.clear(tx, jdbc);
        tx.executeWrite(s -> {
            jdbc.prepareStatement("DELETE FROM credential_provider", ps -> ps.executeUpdate());
            return jdbc.prepareStatement("DELETE FROM broker_secret WHERE owner LIKE 'provider:%'", ps -> ps.executeUpdate());
        });
        traces.start();
    }

    @AfterEach
    void tearDown() {
        traces.stop();
    }

    @AfterAll
    void stop() {
        gitlab.stop();
    }

    @Test
    void shouldRegisterAServiceAccountProviderCheckedAtGitLabAndStoreItsTokenInTheBroker() {
        TestHttp.Response r = http.post("/v1/integrations/providers", admin, serviceAccountProvider("acme"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asText();
        assertThat(id).startsWith("cpr_");
        assertThat(r.json().path("mode").asText()).isEqualTo("service_account");
        assertThat(r.json().path("groupId").asText()).isEqualTo("345");
        assertThat(r.json().path("targetPath").asText()).isEqualTo("acme");
        assertThat(r.json().path("username").asText()).isEqualTo("platform-owner");
        assertThat(r.json().path("accessLevel").asInt()).isEqualTo(30);
        assertThat(r.json().path("expiresInDays").asInt()).isEqualTo(30);
        try (Plaintext p = secrets.read("provider:" + id, "gitlab:token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(GitLabStubs.ADMIN);
        }
        assertThat(http.get("/v1/integrations/providers", viewer).json().path("items").size()).isEqualTo(1);
        assertThat(http.get("/v1/integrations/providers/" + id, viewer).json().path("scopes").toString())
                .isEqualTo("[\"read_repository\",\"write_repository\"]");
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.provider.register", id, "ALLOW", "acme");
        assertNoTokenAnywhere(r.body());
    }

    @Test
    void shouldRefuseAProviderWhoseTokenGroupOrRoleGitLabDoesNotAcceptAndStoreNothing() {
        TestHttp.Response badToken = http.post("/v1/integrations/providers", admin, serviceAccountProvider("acme")
                .replace(GitLabStubs.ADMIN, "glpat-someoneElse00000000000"));
        TestHttp.Response noGroup = http.post("/v1/integrations/providers", admin, serviceAccountProvider("nowhere"));
        TestHttp.Response subgroup = http.post("/v1/integrations/providers", admin, serviceAccountProvider("acme/platform"));
        TestHttp.Response operator = http.post("/v1/integrations/providers",
                tokens.create(Actor.SYSTEM, "op", List.of("operator")).token(), serviceAccountProvider("acme"));
        TestHttp.Response both = http.post("/v1/integrations/providers", admin, serviceAccountProvider("acme")
                .replace("\"groupId\"", "\"projectId\":\"1\",\"groupId\""));

        assertThat(badToken.code()).as(badToken.body()).isEqualTo("credential_rejected");
        assertThat(badToken.body()).contains("401 Unauthorized");
        assertThat(noGroup.status()).isEqualTo(422);
        assertThat(noGroup.body()).contains("groupId", "GitLab has no group 'nowhere'");
        assertThat(subgroup.body()).contains("groupId", "is a subgroup");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(both.body()).contains("projectId: service_account takes groupId only");
        assertThat(BrokerTraces.count(tx, jdbc, "credential_provider")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'provider:%'")).isZero();
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.provider.register", "DENY");
        assertNoTokenAnywhere(badToken.body() + noGroup.body() + subgroup.body());
    }

    @Test
    void shouldMintAServiceAccountOnLinkAndDeprovisionItOnUnlink() {
        stubs.serviceAccount();
        String provider = register(serviceAccountProvider("acme"));

        TestHttp.Response r = http.post("/v1/integrations", admin, automated(provider, "\"environments\":[\"prod\"]"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asText();
        assertThat(r.json().path("authType").asText()).isEqualTo("automated");
        assertThat(r.json().path("username").asText()).isEqualTo(GitLabStubs.SA_USERNAME);
        assertThat(r.json().path("externalId").asText()).isEqualTo("57");
        assertThat(r.json().path("baseUrl").asText()).isEqualTo(gitlab.baseUrl());
        String expires = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/groups/345/service_accounts"))
                .withRequestBody(equalToJson("{\"name\":\"carapulse-prod\"}")));
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/groups/345/members"))
                .withRequestBody(equalToJson("{\"user_id\":57,\"access_level\":30}")));
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/groups/345/service_accounts/57/personal_access_tokens"))
                .withRequestBody(equalToJson("{\"name\":\"carapulse-prod\",\"scopes\":[\"read_repository\",\"write_repository\"],"
                        + "\"expires_at\":\"" + expires + "\"}")));
        try (IntegrationCredentials.Issued issued = credentials.issue(credentials.find(id).orElseThrow(), null)) {
            assertThat(issued.token().reveal()).isEqualTo(GitLabStubs.SA_TOKEN);
            assertThat(issued.kind()).isEqualTo("access_token");
        }
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source WHERE kind = 'service_account' AND user_id = '57'"
                + " AND token_id = '6' AND credential_provider_id = '" + provider + "'")).isEqualTo(1);
        assertThat(http.delete("/v1/integrations/providers/" + provider, admin).status()).isEqualTo(409);

        TestHttp.Response unlinked = http.delete("/v1/integrations/" + id, admin);

        assertThat(unlinked.status()).isEqualTo(204);
        gitlab.verify(1, deleteRequestedFor(urlEqualTo("/api/v4/groups/345/service_accounts/57"))
                .withHeader("PRIVATE-TOKEN", equalTo(GitLabStubs.ADMIN)));
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.unlink", id, "\"deprovisioned\":true",
                "\"gitlabStatus\":204");
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source")).isZero();
        assertThat(http.delete("/v1/integrations/providers/" + provider, admin).status()).isEqualTo(204);
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'provider:%'")).isZero();
        assertNoTokenAnywhere(r.body() + unlinked.body());
    }

    @Test
    void shouldMintAProjectAccessTokenAndStillUnlinkWhenGitLabFailsToRevokeIt() {
        stubs.projectToken();
        String provider = register("{\"provider\":\"gitlab\",\"mode\":\"project_access_token\",\"baseUrl\":\""
                + gitlab.baseUrl() + "\",\"projectId\":\"acme/web\",\"credentials\":{\"token\":\"" + GitLabStubs.ADMIN
                + "\"},\"scopes\":[\"api\"],\"accessLevel\":40,\"expiresInDays\":7}");

        TestHttp.Response r = http.post("/v1/integrations", admin, automated(provider, "\"isGlobal\":true"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asText();
        assertThat(r.json().path("username").asText()).isEqualTo(GitLabStubs.BOT_USERNAME);
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/projects/42/access_tokens")).withRequestBody(equalToJson(
                "{\"name\":\"carapulse-global\",\"access_level\":40,\"scopes\":[\"api\"],\"expires_at\":\""
                        + LocalDate.now(ZoneOffset.UTC).plusDays(7) + "\"}")));
        try (Plaintext p = secrets.read(Integrations.owner(id), "gitlab:token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(GitLabStubs.PROJECT_TOKEN);
        }
        gitlab.stubFor(WireMock.delete("/api/v4/projects/42/access_tokens/58").willReturn(GitLabStubs.json(500,
                "{\"message\":\"500 Internal Server Error\"}")).atPriority(1));

        TestHttp.Response unlinked = http.delete("/v1/integrations/" + id, admin);

        assertThat(unlinked.status()).isEqualTo(204);
        gitlab.verify(1, deleteRequestedFor(urlEqualTo("/api/v4/projects/42/access_tokens/58")));
        assertThat(BrokerTraces.count(tx, jdbc, "integration")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'integration:%'")).isZero();
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.unlink", id, "\"deprovisioned\":false",
                "\"gitlabStatus\":500", "500 Internal Server Error");
        assertNoTokenAnywhere(r.body() + unlinked.body());
    }

    @Test
    void shouldDeprovisionAMintedIdentityWhoseTokenGitLabDoesNotAcceptAndStoreNothing() {
        stubs.serviceAccount();
        gitlab.stubFor(WireMock.get("/api/v4/user").withHeader("PRIVATE-TOKEN", equalTo(GitLabStubs.SA_TOKEN))
                .willReturn(GitLabStubs.json(403, "{\"message\":\"403 Forbidden\"}")).atPriority(1));
        String provider = register(serviceAccountProvider("acme"));

        TestHttp.Response r = http.post("/v1/integrations", admin, automated(provider, "\"environments\":[\"prod\"]"));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("credential_rejected");
        assertThat(r.body()).contains("the identity minted for it was deprovisioned");
        gitlab.verify(1, deleteRequestedFor(urlEqualTo("/api/v4/groups/345/service_accounts/57")));
        assertThat(BrokerTraces.count(tx, jdbc, "integration")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'integration:%'")).isZero();
        assertNoTokenAnywhere(r.body());
    }

    @Test
    void shouldRefuseAnAutomatedLinkWithoutAKnownProviderOrWithCredentialsBeforeCallingGitLab() {
        TestHttp.Response unknown = http.post("/v1/integrations", admin, automated("cpr_nothere", "\"isGlobal\":true"));
        TestHttp.Response missing = http.post("/v1/integrations", admin,
                "{\"provider\":\"gitlab\",\"authType\":\"automated\",\"isGlobal\":true}");
        TestHttp.Response onPat = http.post("/v1/integrations", admin, "{\"provider\":\"gitlab\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"x1234\"},\"credentialProvider\":\"cpr_x\",\"isGlobal\":true}");

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("credentialProvider: no credential provider 'cpr_nothere'");
        assertThat(missing.body()).contains("credentialProvider: required for gitlab automated");
        assertThat(onPat.body()).contains("credentialProvider: only gitlab automated takes one");
        gitlab.verify(0, anyRequestedFor(anyUrl()));
    }

    private String register(String body) {
        TestHttp.Response r = http.post("/v1/integrations/providers", admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private String serviceAccountProvider(String group) {
        return "{\"provider\":\"gitlab\",\"mode\":\"service_account\",\"baseUrl\":\"" + gitlab.baseUrl() + "\",\"groupId\":\""
                + group + "\",\"credentials\":{\"token\":\"" + GitLabStubs.ADMIN + "\"},\"scopes\":[\"read_repository\","
                + "\"write_repository\"]}";
    }

    private static String automated(String provider, String scope) {
        return "{\"provider\":\"gitlab\",\"authType\":\"automated\",\"credentialProvider\":\"" + provider + "\"," + scope + "}";
    }

    private void assertNoTokenAnywhere(String responses) {
        String audit = BrokerTraces.audit(tx, jdbc);
        String logged = traces.logged();
        String bytes = BrokerTraces.h2Bytes(tx, jdbc, h2);
        for (String secret : List.of(GitLabStubs.ADMIN, GitLabStubs.SA_TOKEN, GitLabStubs.PROJECT_TOKEN)) {
            assertThat(responses).doesNotContain(secret);
            assertThat(audit).doesNotContain(secret);
            assertThat(logged).doesNotContain(secret);
            assertThat(bytes).doesNotContain(secret);
        }
    }
}
