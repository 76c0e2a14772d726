package io.carapulse.core.broker.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A GitLab connection against a stub in GitLab's shape (Doorkeeper: errors as 400 with {@code error},
 * {@code POST /oauth/revoke} with the client's credentials in the form), GitHub left unconfigured.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitLabConnectionTest implements TestPropertyProvider {

    static final String ACCESS = "glpat-canaryOauthAccessA1b2C3d4E5";
    static final String REFRESH = "canaryrefresh9f8e7d6c5b4a39f8e7d6c5b4a3";
    static final String CODE = "canarygitlabcode11223344";

    private final WireMockServer gitlab = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;

    private TestHttp http;
    private String carol;

    @Override
    public Map<String, String> getProperties() {
        gitlab.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + io.carapulse.core.broker.TestKeks.file(21),
                "carapulse.broker.oauth.gitlab.client-id", "f00dcafe",
                "carapulse.broker.oauth.gitlab.client-secret", "env:PATH",
                "carapulse.broker.oauth.gitlab.authorize-url", gitlab.baseUrl() + "/oauth/authorize",
                "carapulse.broker.oauth.gitlab.token-url", gitlab.baseUrl() + "/oauth/token",
                "carapulse.broker.oauth.gitlab.revoke-url", gitlab.baseUrl() + "/oauth/revoke",
                "carapulse.broker.oauth.gitlab.api-url", gitlab.baseUrl() + "/api/v4");
    }

    @AfterAll
    void stop() {
        gitlab.stop();
    }

    @BeforeEach
    void setUp() {
        gitlab.resetAll();
        http = new TestHttp(server.getURL());
        carol = tokens.create(Actor.SYSTEM, "carol", List.of("viewer")).token();
        gitlab.stubFor(WireMock.get("/api/v4/user").withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(json(200, "{\"id\":1,\"username\":\"jdoe\",\"name\":\"Jane Doe\",\"state\":\"active\"}")));
    }

    @Test
    void shouldConnectToGitLabAndRevokeThere() {
        gitlab.stubFor(WireMock.post("/oauth/token").withRequestBody(containing("code=" + CODE))
                .willReturn(json(200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"Bearer\",\"expires_in\":7200,"
                        + "\"refresh_token\":\"" + REFRESH + "\",\"scope\":\"api\",\"created_at\":1607635748}")));
        gitlab.stubFor(WireMock.post("/oauth/revoke").withRequestBody(containing("token=" + ACCESS))
                .withRequestBody(containing("client_id=f00dcafe")).willReturn(json(200, "{}")));

        TestHttp.Response page = http.get("/v1/connections/callback?code=" + CODE + "&state=" + start(), null);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Connected to GitLab as jdoe; you can close this window");
        TestHttp.Response list = http.get("/v1/connections", carol);
        String id = list.json().at("/items/0/id").asText();
        assertThat(list.json().at("/items/0/scopes").toString()).isEqualTo("[\"api\"]");
        assertThat(list.json().at("/items/0/expiresAt").isTextual()).isTrue();
        assertThat(secrets.list(Connections.owner(id))).containsExactly("gitlab:access_token", "gitlab:refresh_token");

        TestHttp.Response revoked = http.delete("/v1/connections/" + id, carol);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("providerConfirmed").asBoolean()).isTrue();
        assertThat(revoked.body()).doesNotContain(ACCESS).doesNotContain(REFRESH);
        gitlab.verify(1, postRequestedFor(urlEqualTo("/oauth/revoke")));
        assertThat(secrets.list(Connections.owner(id))).isEmpty();
    }

    @Test
    void shouldSayWhatGitLabAnsweredWhenItRefusesTheCode() {
        gitlab.stubFor(WireMock.post("/oauth/token").willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":"
                + "\"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used"
                + " in the authorization request, or was issued to another client.\"}")));

        TestHttp.Response page = http.get("/v1/connections/callback?code=" + CODE + "&state=" + start(), null);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("GitLab refused the authorization code: invalid_grant")
                .contains("Start again with assistantctl connection connect gitlab").doesNotContain(CODE);
        assertThat(http.get("/v1/connections", carol).json().path("items")).isEmpty();
        assertThat(http.send("POST", "/v1/connections/github", carol, null, null).json().path("detail").asText())
                .isEqualTo("OAuth connections to GitHub are not configured (carapulse.broker.oauth.github.client-id)");
    }

    private String start() {
        TestHttp.Response r = http.send("POST", "/v1/connections/gitlab", carol, null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("authorizeUrl").asText()).startsWith(gitlab.baseUrl() + "/oauth/authorize?client_id=f00dcafe&");
        return r.json().path("state").asText();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
