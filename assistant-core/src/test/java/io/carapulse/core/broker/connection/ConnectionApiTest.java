package io.carapulse.core.broker.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.broker.integration.IntegrationCredentials.Issued;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/connections} against a WireMock stub in GitHub's real shape (the token endpoint answers its
 * errors as a 200 with {@code error}, as GitHub does), on an H2 file database: the whole flow with PKCE,
 * the state used once and bound to its person, refresh before expiry, a refused refresh disconnecting,
 * concurrent refreshes keeping one valid refresh token, revocation by owner and admin. The canary tokens,
 * code and client secret are in no answer, audit row, log line or byte of the database's files.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionApiTest implements TestPropertyProvider {

    static final String ACCESS = "ghu_canaryAccessQ8wX2vN7mK4pR9sT1uY";
    static final String REFRESH = "ghr_canaryRefreshZq8wX2vN7mK4pR9sT1uYb3cD5eF7";
    static final String ACCESS_2 = "ghu_canaryAccessTwoL5kJ3hG1fD9sA7";
    static final String REFRESH_2 = "ghr_canaryRefreshTwoP0oI9uY8tR7eW6qA5sD4fG3hJ2";
    static final String CODE = "canarycode4f1b2c3d4e5f";
    static final String CLIENT_SECRET = "canaryclientsecret0a9b8c7d6e5f4a3b2c1d";
    static final String CLIENT_ID = "Iv1.8a61f9b3a7aba766";
    static final List<String> CANARIES = List.of(ACCESS, REFRESH, ACCESS_2, REFRESH_2, CODE, CLIENT_SECRET);

    private final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private Path database;

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;
    @Inject Connections connections;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String alice;
    private String aliceId;
    private String bob;
    private String admin;
    private final List<TestHttp.Response> responses = new ArrayList<>();
    private ListAppender<ILoggingEvent> log;

    @Override
    public Map<String, String> getProperties() {
        github.start();
        try {
            database = Files.createTempDirectory("carapulse-h2-connections");
            Path secret = Files.createTempFile("carapulse-github-client-secret", ".txt");
            Files.writeString(secret, CLIENT_SECRET + "\n");
            secret.toFile().deleteOnExit();
            Map<String, String> p = new HashMap<>();
            p.put("datasources.default.url", "jdbc:h2:file:" + database.resolve("carapulse")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            p.put("carapulse.broker.key-encryption-key", "file:" + keyFile());
            p.put("carapulse.broker.oauth.github.client-id", CLIENT_ID);
            p.put("carapulse.broker.oauth.github.client-secret", "file:" + secret);
            p.put("carapulse.broker.oauth.github.authorize-url", github.baseUrl() + "/login/oauth/authorize");
            p.put("carapulse.broker.oauth.github.token-url", github.baseUrl() + "/login/oauth/access_token");
            p.put("carapulse.broker.oauth.github.api-url", github.baseUrl());
            p.put("carapulse.console.public-url", "https://carapulse.example.com");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        github.stop();
    }

    @BeforeEach
    void setUp() {
        github.resetAll();
        responses.clear();
        http = new TestHttp(server.getURL());
        alice = tokens.create(Actor.SYSTEM, "alice", List.of("operator")).token();
        bob = tokens.create(Actor.SYSTEM, "bob", List.of("operator")).token();
        admin = tokens.create(Actor.SYSTEM, "root", List.of("admin")).token();
        aliceId = http.get("/v1/me", alice).json().path("subject").asText();
        tx.executeWrite(s -> {
            jdbc.prepareStatement("DELETE FROM oauth_connection", ps -> ps.executeUpdate());
            jdbc.prepareStatement("DELETE FROM oauth_connection_state", ps -> ps.executeUpdate());
            return jdbc.prepareStatement("DELETE FROM broker_secret WHERE owner LIKE 'connection%'", ps -> ps.executeUpdate());
        });
        log = new ListAppender<>();
        log.start();
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        stubUser(ACCESS);
        stubUser(ACCESS_2);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger("io.carapulse")).setLevel(null);
        assertNoCanaryAnywhere();
    }

    @Test
    void shouldConnectGitHubThroughTheWholeFlowWithPkce() throws Exception {
        stubTokenGrant(28800);

        TestHttp.Response started = call(http.send("POST", "/v1/connections/github", alice, null, null));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        URI authorize = URI.create(started.json().path("authorizeUrl").asText());
        Map<String, String> q = query(authorize.getRawQuery());
        String state = started.json().path("state").asText();
        assertThat(authorize.toString()).startsWith(github.baseUrl() + "/login/oauth/authorize?");
        assertThat(q).containsEntry("client_id", CLIENT_ID).containsEntry("state", state)
                .containsEntry("response_type", "code").containsEntry("scope", "repo read:org")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "https://carapulse.example.com/v1/connections/callback");
        assertThat(Base64.getUrlDecoder().decode(state)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Instant.parse(started.json().path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(540));
        assertThat(dump()).doesNotContain(state);

        TestHttp.Response page = callback("code=" + CODE + "&state=" + state);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Connected to GitHub as octocat; you can close this window");
        LoggedRequest exchange = github.findAll(postRequestedFor(urlEqualTo("/login/oauth/access_token"))).get(0);
        Map<String, String> form = query(exchange.getBodyAsString());
        assertThat(exchange.getHeader("Accept")).isEqualTo("application/json");
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET)
                .containsEntry("redirect_uri", "https://carapulse.example.com/v1/connections/callback");
        assertThat(b64(sha256(form.get("code_verifier")))).as("the verifier matches the challenge")
                .isEqualTo(q.get("code_challenge"));

        TestHttp.Response mine = call(http.get("/v1/connections", alice));
        assertThat(mine.json().path("items")).hasSize(1);
        String id = mine.json().at("/items/0/id").asText();
        assertThat(id).startsWith("con_");
        assertThat(mine.json().at("/items/0/provider").asText()).isEqualTo("github");
        assertThat(mine.json().at("/items/0/actor").asText()).isEqualTo(aliceId);
        assertThat(mine.json().at("/items/0/username").asText()).isEqualTo("octocat");
        assertThat(mine.json().at("/items/0/externalId").asText()).isEqualTo("583231");
        assertThat(mine.json().at("/items/0/scopes").toString()).isEqualTo("[\"repo\",\"read:org\"]");
        assertThat(mine.json().at("/items/0/status").asText()).isEqualTo("connected");
        assertThat(call(http.get("/v1/connections", bob)).json().path("items")).isEmpty();
        assertThat(secretNames(id)).containsExactly("github:access_token", "github:refresh_token");
        assertThat(count("broker_secret WHERE owner LIKE 'connection-state:%'")).isZero();
        assertThat(lastAudit("connection.connect")).contains(aliceId, id, "octocat", "ALLOW");

        try (Issued issued = connections.issue(aliceId, ConnectionProvider.GITHUB, Instant.now().plusSeconds(10))) {
            assertThat(issued.token().reveal()).isEqualTo(ACCESS);
            assertThat(issued.kind()).isEqualTo("oauth");
            assertThat(issued.username()).isEqualTo("octocat");
        }
        assertThat(lastAudit("connection.use")).contains(aliceId, id, "ALLOW");
        github.verify(0, postRequestedFor(urlEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void shouldUseAStateOnceAndOnlyForThePersonWhoStartedIt() {
        stubTokenGrant(28800);
        String state = start(alice);

        assertThat(callback("code=" + CODE + "&state=" + state).status()).isEqualTo(200);
        TestHttp.Response again = callback("code=" + CODE + "&state=" + state);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already used");
        github.verify(1, postRequestedFor(urlEqualTo("/login/oauth/access_token")));
        assertThat(lastAudit("connection.connect")).contains("DENY", "state already used", aliceId);
        // the connection is the starter's, whoever's browser brought the code back
        assertThat(call(http.get("/v1/connections", bob)).json().path("items")).isEmpty();
        ProblemException none = catchThrowableOfType(() -> connections.issue(
                http.get("/v1/me", bob).json().path("subject").asText(), ConnectionProvider.GITHUB, Instant.now()),
                ProblemException.class);
        assertThat(none.problem().code()).isEqualTo("credential_unavailable");
    }

    @Test
    void shouldRefuseAnUnknownOrExpiredStateAndStoreNothing() {
        stubTokenGrant(28800);
        String state = start(alice);
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE oauth_connection_state SET expires_at = ?", ps -> {
            ps.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            return ps.executeUpdate();
        }));

        TestHttp.Response expired = callback("code=" + CODE + "&state=" + state);
        long audits = count("audit_event");
        TestHttp.Response unknown = callback("code=" + CODE + "&state=" + state + "x");
        TestHttp.Response none = callback("code=" + CODE);
        assertThat(count("audit_event")).as("anonymous refusals are not audited").isEqualTo(audits);

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("expired", "assistantctl connection connect github");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown");
        assertThat(none.status()).isEqualTo(400);
        github.verify(0, postRequestedFor(urlEqualTo("/login/oauth/access_token")));
        assertThat(count("oauth_connection")).isZero();
        assertThat(lastAudit("connection.connect")).contains("DENY");
    }

    @Test
    void shouldStoreNothingWhenThePersonDeniesAccessOrGitHubRefusesTheCode() {
        String denied = start(alice);
        TestHttp.Response page = callback("error=access_denied&error_description=The+user+has+denied+your+application"
                + "+access.&state=" + denied);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("You did not allow Carapulse to use your GitHub account");
        github.verify(0, postRequestedFor(urlEqualTo("/login/oauth/access_token")));
        assertThat(lastAudit("connection.connect")).contains("DENY", "access_denied", aliceId);
        assertThat(callback("code=" + CODE + "&state=" + denied).body()).contains("already used");

        github.stubFor(WireMock.post("/login/oauth/access_token").willReturn(json(200, "{\"error\":\"bad_verification_code\","
                + "\"error_description\":\"The code passed is incorrect or expired.\","
                + "\"error_uri\":\"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token"
                + "-request-errors/#bad-verification-code\"}")));
        TestHttp.Response refused = callback("code=" + CODE + "&state=" + start(alice));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("GitHub refused the authorization code: bad_verification_code",
                "The code passed is incorrect or expired.");
        assertThat(count("oauth_connection")).isZero();
        assertThat(count("broker_secret WHERE owner LIKE 'connection%'")).isZero();

        TestHttp.Response odd = callback("error=server_error&error_description=%3Cscript%3Ealert(1)%3C/script%3E&state="
                + start(alice));
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("GitHub answered server_error: &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void shouldIssueAnOAuthAppTokenThatDoesNotExpireWithoutRefreshingIt() {
        github.stubFor(WireMock.post("/login/oauth/access_token").willReturn(json(200,
                "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\",\"scope\":\"repo\"}")));
        assertThat(callback("code=" + CODE + "&state=" + start(alice)).status()).isEqualTo(200);
        String id = call(http.get("/v1/connections", alice)).json().at("/items/0/id").asText();

        try (Issued issued = connections.issue(aliceId, ConnectionProvider.GITHUB, Instant.now().plusSeconds(10))) {
            assertThat(issued.token().reveal()).isEqualTo(ACCESS);
            assertThat(issued.expiresAt()).isNull();
        }
        assertThat(secretNames(id)).containsExactly("github:access_token");
        github.verify(1, postRequestedFor(urlEqualTo("/login/oauth/access_token")));
    }

    @Test
    void shouldRefreshAnAccessTokenThatExpiresWithinAMinuteAndKeepTheRotatedRefreshToken() {
        String id = connect(alice, 30);
        stubRefresh(REFRESH, 200, grant(ACCESS_2, REFRESH_2, 28800));

        try (Issued issued = connections.issue(aliceId, ConnectionProvider.GITHUB, Instant.now().plusSeconds(10))) {
            assertThat(issued.token().reveal()).isEqualTo(ACCESS_2);
            assertThat(issued.expiresAt()).isAfter(Instant.now().plusSeconds(28000));
        }
        Map<String, String> form = query(github.findAll(postRequestedFor(urlEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("grant_type=refresh_token"))).get(0).getBodyAsString());
        assertThat(form).containsEntry("refresh_token", REFRESH).containsEntry("client_id", CLIENT_ID)
                .containsEntry("client_secret", CLIENT_SECRET);
        assertThat(secret(id, "github:refresh_token")).isEqualTo(REFRESH_2);
        assertThat(lastAudit("connection.refresh")).contains("ALLOW", id);
        assertThat(lastAudit("connection.use")).contains("ALLOW", id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"200:bad_refresh_token", "400:invalid_grant"})
    void shouldDisconnectWhenTheProviderRefusesTheRefreshToken(String answer) {
        String id = connect(alice, 30);
        String[] parts = answer.split(":");
        stubRefresh(REFRESH, Integer.parseInt(parts[0]), "{\"error\":\"" + parts[1] + "\",\"error_description\":"
                + "\"The refresh token passed is incorrect or expired.\"}");

        ProblemException e = catchThrowableOfType(() -> connections.issue(aliceId, ConnectionProvider.GITHUB,
                Instant.now().plusSeconds(10)), ProblemException.class);

        assertThat(e.problem().code()).isEqualTo("credential_unavailable");
        assertThat(e.getMessage()).isEqualTo("the GitHub connection of alice was revoked; connect again"
                + " (assistantctl connection connect github)");
        assertThat(call(http.get("/v1/connections", alice)).json().at("/items/0/status").asText()).isEqualTo("disconnected");
        assertThat(secretNames(id)).isEmpty();
        assertThat(lastAudit("connection.refresh")).contains("DENY", parts[1], id);
        assertThat(lastAudit("connection.use")).contains("DENY", "credential_unavailable", id);
    }

    @Test
    void shouldRefreshOnceWhenTwoCallersNeedTheTokenAtTheSameTime() throws Exception {
        String id = connect(alice, 30);
        // as GitHub: the first use of a refresh token rotates it; a second use of the old one is refused
        github.stubFor(WireMock.post("/login/oauth/access_token").inScenario("rotation")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .withRequestBody(containing("refresh_token=" + REFRESH))
                .willReturn(json(200, grant(ACCESS_2, REFRESH_2, 28800)).withFixedDelay(300)).willSetStateTo("rotated"));
        github.stubFor(WireMock.post("/login/oauth/access_token").inScenario("rotation").whenScenarioStateIs("rotated")
                .withRequestBody(containing("refresh_token=" + REFRESH))
                .willReturn(json(200, "{\"error\":\"bad_refresh_token\"}")));
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<String> use = () -> {
            together.await();
            try (Issued issued = connections.issue(aliceId, ConnectionProvider.GITHUB, Instant.now().plusSeconds(10))) {
                return issued.token().reveal();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(use);
            Future<String> b = pool.submit(use);
            assertThat(List.of(a.get(), b.get())).containsExactly(ACCESS_2, ACCESS_2);
        } finally {
            pool.shutdownNow();
        }
        github.verify(1, postRequestedFor(urlEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("grant_type=refresh_token")));
        assertThat(secret(id, "github:refresh_token")).isEqualTo(REFRESH_2);
        assertThat(call(http.get("/v1/connections", alice)).json().at("/items/0/status").asText()).isEqualTo("connected");
    }

    @Test
    void shouldRevokeAtGitHubForTheOwnerAndRefuseAnotherPerson() {
        String id = connect(alice, 28800);
        github.stubFor(WireMock.delete("/applications/" + CLIENT_ID + "/grant")
                .withBasicAuth(CLIENT_ID, CLIENT_SECRET).withRequestBody(equalToJson("{\"access_token\":\"" + ACCESS + "\"}"))
                .willReturn(aResponse().withStatus(204)));

        TestHttp.Response refused = call(http.delete("/v1/connections/" + id, bob));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(lastAudit("connection.revoke")).contains("DENY", "forbidden");
        assertThat(secretNames(id)).hasSize(2);
        github.verify(0, anyRequestedFor(urlEqualTo("/applications/" + CLIENT_ID + "/grant")));

        TestHttp.Response revoked = call(http.delete("/v1/connections/" + id, alice));

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("providerConfirmed").asBoolean()).isTrue();
        assertThat(revoked.json().at("/connection/status").asText()).isEqualTo("disconnected");
        assertThat(secretNames(id)).isEmpty();
        assertThat(lastAudit("connection.revoke")).contains("ALLOW", id, "\"providerConfirmed\":true");
        TestHttp.Response again = call(http.delete("/v1/connections/" + id, alice));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("providerConfirmed").asBoolean()).isFalse();
        github.verify(1, anyRequestedFor(urlEqualTo("/applications/" + CLIENT_ID + "/grant")));
        ProblemException e = catchThrowableOfType(() -> connections.issue(aliceId, ConnectionProvider.GITHUB,
                Instant.now().plusSeconds(10)), ProblemException.class);
        assertThat(e.getMessage()).contains("was revoked");
    }

    @Test
    void shouldConnectWithAPersonsOwnTokenCheckedAtGitHubAndRevokeItHereOnly() {
        github.stubFor(WireMock.get("/user").withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
                        + "\"status\":\"401\"}")));

        TestHttp.Response rejected = call(http.put("/v1/connections/github/token", alice, "{\"token\":\"" + ACCESS + "\"}"));
        TestHttp.Response empty = call(http.put("/v1/connections/github/token", alice, "{}"));
        TestHttp.Response asList = call(http.put("/v1/connections/github/token", alice, "{\"token\":[\"" + ACCESS_2 + "\"]}"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.json().path("code").asText()).isEqualTo("credential_rejected");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("detail").asText()).startsWith("token: required");
        assertThat(asList.status()).as("a list is not a token").isEqualTo(422);
        assertThat(asList.json().path("code").asText()).isEqualTo("validation_failed");
        assertThat(asList.json().path("detail").asText()).startsWith("token");
        assertThat(count("oauth_connection")).as("nothing stored on a refusal").isZero();

        TestHttp.Response made = call(http.put("/v1/connections/github/token", alice, "{\"token\":\"" + ACCESS_2 + "\"}"));

        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().path("kind").asText()).isEqualTo("user_token");
        assertThat(made.json().path("username").asText()).isEqualTo("octocat");
        assertThat(made.json().path("status").asText()).isEqualTo("connected");
        assertThat(made.json().path("expiresAt").isNull()).isTrue();
        String id = made.json().path("id").asText();
        assertThat(secretNames(id)).containsExactly("github:access_token");
        assertThat(lastAudit("connection.connect")).contains("ALLOW", id, "\"kind\":\"user_token\"");
        try (var issued = connections.issue(aliceId, ConnectionProvider.GITHUB, Instant.now().plusSeconds(10))) {
            assertThat(issued.token().reveal()).isEqualTo(ACCESS_2);
        }

        TestHttp.Response revoked = call(http.delete("/v1/connections/" + id, alice));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("providerConfirmed").asBoolean()).isFalse();
        assertThat(secretNames(id)).isEmpty();
        github.verify(0, anyRequestedFor(urlEqualTo("/applications/" + CLIENT_ID + "/grant")));
        TestHttp.Response agent = call(http.put("/v1/connections/github/token",
                tokens.create(Actor.SYSTEM, "bot", List.of("viewer"), true).token(), "{\"token\":\"" + ACCESS_2 + "\"}"));
        assertThat(agent.status()).as("connections belong to people").isEqualTo(403);
    }

    @Test
    void shouldLetAnAdminListAndRevokeAnyonesConnectionEvenWhenGitHubDoesNotConfirm() {
        String id = connect(alice, 28800);
        github.stubFor(WireMock.delete(anyUrl()).willReturn(json(404, "{\"message\":\"Not Found\"}")));

        assertThat(call(http.get("/v1/connections?actor=" + aliceId, bob)).status()).isEqualTo(403);
        assertThat(call(http.get("/v1/connections?actor=" + aliceId, admin)).json().at("/items/0/id").asText()).isEqualTo(id);
        TestHttp.Response revoked = call(http.delete("/v1/connections/" + id, admin));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("providerConfirmed").asBoolean()).isFalse();
        assertThat(secretNames(id)).isEmpty();
        assertThat(lastAudit("connection.revoke")).contains("ALLOW", "\"providerConfirmed\":false");
    }

    @Test
    void shouldReplaceThePreviousConnectionWhenConnectingAgain() {
        String first = connect(alice, 28800);
        String second = connect(alice, 28800);

        assertThat(second).isNotEqualTo(first);
        assertThat(call(http.get("/v1/connections", alice)).json().path("items")).hasSize(1);
        assertThat(secretNames(first)).isEmpty();
        assertThat(lastAudit("connection.connect")).contains(first, second);
    }

    @Test
    void shouldRefuseAProviderThatIsNotConfiguredOrNotSupported() {
        TestHttp.Response gitlab = call(http.send("POST", "/v1/connections/gitlab", alice, null, null));
        assertThat(lastAudit("connection.start")).contains("DENY", "not configured", aliceId);
        TestHttp.Response jira = call(http.send("POST", "/v1/connections/jira", alice, null, null));
        TestHttp.Response anonymous = call(http.send("POST", "/v1/connections/github", null, null, null));

        assertThat(gitlab.status()).isEqualTo(422);
        assertThat(gitlab.json().path("detail").asText()).isEqualTo(
                "OAuth connections to GitLab are not configured (carapulse.broker.oauth.gitlab.client-id)");
        assertThat(jira.status()).isEqualTo(422);
        assertThat(jira.json().path("detail").asText()).contains("'jira' has no OAuth connections; supported: github, gitlab");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(count("oauth_connection_state")).isZero();
        assertThat(lastAudit("connection.start")).contains("DENY", "'jira'");
    }

    // --- helpers

    private String start(String token) {
        TestHttp.Response r = call(http.send("POST", "/v1/connections/github", token, null, null));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("state").asText();
    }

    /** Connects {@code token}'s person with an access token valid {@code expiresIn} seconds; the connection id. */
    private String connect(String token, int expiresIn) {
        stubTokenGrant(expiresIn);
        TestHttp.Response page = callback("code=" + CODE + "&state=" + start(token));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return call(http.get("/v1/connections", token)).json().at("/items/0/id").asText();
    }

    private TestHttp.Response callback(String query) {
        return call(http.get("/v1/connections/callback?" + query, null));
    }

    private TestHttp.Response call(TestHttp.Response r) {
        responses.add(r);
        return r;
    }

    private void stubTokenGrant(int expiresIn) {
        github.stubFor(WireMock.post("/login/oauth/access_token").withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + CODE))
                .willReturn(json(200, grant(ACCESS, REFRESH, expiresIn))));
    }

    private void stubRefresh(String refreshToken, int status, String body) {
        github.stubFor(WireMock.post("/login/oauth/access_token").withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken)).willReturn(json(status, body)));
    }

    private void stubUser(String token) {
        github.stubFor(WireMock.get("/user").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(200, "{\"login\":\"octocat\",\"id\":583231,\"type\":\"User\",\"site_admin\":false}")));
    }

    /** GitHub's token answer for a GitHub App user token (one that expires, with a refresh token). */
    private static String grant(String access, String refresh, int expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn + ",\"refresh_token\":\"" + refresh
                + "\",\"refresh_token_expires_in\":15811200,\"scope\":\"repo,read:org\",\"token_type\":\"bearer\"}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private List<String> secretNames(String id) {
        return secrets.list(Connections.owner(id));
    }

    private String secret(String id, String name) {
        try (Plaintext p = secrets.read(Connections.owner(id), name).orElseThrow()) {
            return p.reveal();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void assertNoCanaryAnywhere() {
        String audit = tx.executeRead(s -> jdbc.prepareStatement("SELECT * FROM audit_event", ps -> {
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
            }
            return sb.toString();
        }));
        String bytes = dump();
        for (String canary : CANARIES) {
            for (TestHttp.Response r : responses) {
                assertThat(r.body()).doesNotContain(canary);
                assertThat(r.headers().map().toString()).doesNotContain(canary);
            }
            assertThat(audit).doesNotContain(canary);
            assertThat(bytes).as("H2 file bytes").doesNotContain(canary);
            assertThat(log.list).allSatisfy(e -> {
                assertThat(e.getFormattedMessage()).doesNotContain(canary);
                if (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null) {
                    assertThat(e.getThrowableProxy().getMessage()).doesNotContain(canary);
                }
            });
        }
    }

    /** The raw bytes of the database's files, one char per byte. */
    String dump() {
        tx.executeWrite(s -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(database)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private String lastAudit(String action) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT action, subject_id, decision, reason, details_json, actor"
                + " FROM audit_event WHERE action = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", ps -> {
                    ps.setString(1, action);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                                + rs.getString(4) + " " + rs.getString(5) + " " + rs.getString(6) : "";
                    }
                }));
    }

    private long count(String from) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM " + from, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private static String keyFile() {
        return io.carapulse.core.broker.TestKeks.file(21);
    }
}
