package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.support.TestClock;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GitHub App integrations against a WireMock GitHub that answers only an app JWT its public key verifies
 * (RS256, {@code iss} the app id, issued a minute back, expiring at most ten minutes after): linking checks
 * {@code /app} and the installation and stores the private key alone; issuing mints an installation token,
 * reuses it until five minutes before it expires, then mints again. The key and the tokens are in no
 * response, audit row, log line, nor in the bytes of the H2 file.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubAppIntegrationTest implements TestPropertyProvider {

    static final String APP_ID = "123456";
    static final String INSTALLATION = "7890123";
    static final String TOKEN_ONE = "ghs_canaryInstallationOne7d1cQ2w";
    static final String TOKEN_TWO = "ghs_canaryInstallationTwo9e4bR3x";
    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();
    static final String PEM = pem(KEYS);
    /** A line of the PEM's base64 body: what a leak of the key would show. */
    static final String PEM_CANARY = PEM.split("\n")[3];

    private final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final BrokerTraces traces = new BrokerTraces();
    private Path h2;

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject IntegrationCredentials credentials;
    @Inject TestClock clock;

    private TestHttp http;
    private String admin;

    @Override
    public Map<String, String> getProperties() {
        github.start();
        try {
            h2 = Files.createTempDirectory("carapulse-h2-app");
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
        github.resetAll();
        clock.reset();
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        IntegrationTables.clear(tx, jdbc);
        traces.start();
    }

    @AfterEach
    void tearDown() {
        traces.stop();
        clock.reset();
    }

    @AfterAll
    void stop() {
        github.stop();
    }

    @Test
    void shouldLinkAnAppInstallationCheckedWithASignedJwtAndStoreOnlyItsPrivateKey() {
        stubApp(KEYS);
        stubInstallation(KEYS);

        TestHttp.Response r = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, PEM));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("authType").asText()).isEqualTo("app");
        assertThat(r.json().path("username").asText()).isEqualTo("acme");
        assertThat(r.json().path("externalId").asText()).isEqualTo(INSTALLATION);
        assertThat(r.json().path("scopes").toString()).isEqualTo("[\"contents:write\",\"metadata:read\",\"pull_requests:write\"]");
        String id = r.json().path("id").asText();
        assertThat(secrets.list(Integrations.owner(id))).containsExactly("github:private_key");
        try (Plaintext p = secrets.read(Integrations.owner(id), "github:private_key").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(PEM);
        }
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source WHERE kind = 'github_app' AND app_id = '" + APP_ID + "'"))
                .isEqualTo(1);
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.link", id, "octo-deployer", INSTALLATION);
        List<LoggedRequest> checks = github.findAll(anyRequestedFor(anyUrl()));
        assertThat(checks).extracting(LoggedRequest::getUrl).containsExactly("/app", "/app/installations/" + INSTALLATION);
        assertThat(checks).allSatisfy(c -> assertThat(jwtProblem(c.getHeader("Authorization"), KEYS)).isNull());
        assertNoSecretAnywhere(r.body());
    }

    @Test
    void shouldMintOnceForTwoIssuesAndMintAgainFiveMinutesBeforeTheTokenExpires() {
        IntegrationView app = linked();
        Instant start = clock.instant();
        stubExchange(TOKEN_ONE, start.plus(Duration.ofHours(1)), "Started", "one");
        stubExchange(TOKEN_TWO, start.plus(Duration.ofMinutes(115)), "one", "two");

        IntegrationCredentials.Issued first = credentials.issue(app, start.plusSeconds(10));
        IntegrationCredentials.Issued second = credentials.issue(app, start.plusSeconds(10));

        assertThat(first.token().reveal()).isEqualTo(TOKEN_ONE);
        assertThat(second.token().reveal()).isEqualTo(TOKEN_ONE);
        assertThat(first.kind()).isEqualTo("installation_token");
        assertThat(first.expiresAt()).isEqualTo(start.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(first.toString()).doesNotContain(TOKEN_ONE);
        assertThat(exchanges()).hasSize(1);

        clock.advance(Duration.ofMinutes(54));
        assertThat(credentials.issue(app, clock.instant().plusSeconds(10)).token().reveal()).isEqualTo(TOKEN_ONE);
        clock.advance(Duration.ofMinutes(2)); // 56 minutes: within five minutes of the expiry
        IntegrationCredentials.Issued renewed = credentials.issue(app, clock.instant().plusSeconds(10));

        assertThat(renewed.token().reveal()).isEqualTo(TOKEN_TWO);
        assertThat(exchanges()).hasSize(2); // each answered only for a JWT valid at the time (stubExchange)
        assertNoSecretAnywhere("");
    }

    @Test
    void shouldDropTheCachedTokenWhenTheKeyIsRotatedAndRefuseToIssueAfterUnlink() {
        IntegrationView app = linked();
        Instant start = clock.instant();
        stubExchange(TOKEN_ONE, start.plus(Duration.ofHours(1)), "Started", "one");
        stubExchange(TOKEN_TWO, start.plus(Duration.ofHours(1)), "one", "two");
        assertThat(credentials.issue(app, start.plusSeconds(10)).token().reveal()).isEqualTo(TOKEN_ONE);

        assertThat(http.post("/v1/integrations/rotate-key", admin, "").status()).isEqualTo(200);
        assertThat(credentials.issue(app, start.plusSeconds(10)).token().reveal()).isEqualTo(TOKEN_TWO);
        assertThat(exchanges()).hasSize(2);

        assertThat(http.delete("/v1/integrations/" + app.id(), admin).status()).isEqualTo(204);
        Refusal gone = catchThrowableOfType(() -> credentials.issue(app, start.plusSeconds(10)), Refusal.class);

        assertThat(gone.code().code()).isEqualTo("credential_unavailable");
        assertThat(exchanges()).hasSize(2);
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source")).isZero();
    }

    @Test
    void shouldStoreNothingForAKeyGitHubDoesNotKnow() {
        stubApp(KEYS);
        stubInstallation(KEYS);

        TestHttp.Response r = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, pem(OTHER_KEYS)));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("credential_rejected");
        assertThat(r.body()).contains("GitHub refused the token: 401 A JSON web token could not be decoded");
        assertNothingStored();
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.link", "DENY", "credential_rejected");
        assertNoSecretAnywhere(r.body());
    }

    @Test
    void shouldStoreNothingWhenTheKeyIsAnotherAppsOrTheInstallationIsUnknown() {
        stubApp(KEYS);
        stubInstallation(KEYS);

        TestHttp.Response wrongApp = http.post("/v1/integrations", admin, app("654321", INSTALLATION, PEM));
        github.stubFor(WireMock.get("/app").willReturn(json(200, appJson("999"))).atPriority(0));
        TestHttp.Response otherApp = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, PEM));
        github.resetAll();
        stubApp(KEYS);
        TestHttp.Response unknown = http.post("/v1/integrations", admin, app(APP_ID, "404404", PEM));

        assertThat(wrongApp.status()).as(wrongApp.body()).isEqualTo(422);
        assertThat(wrongApp.code()).isEqualTo("credential_rejected");
        assertThat(otherApp.status()).as(otherApp.body()).isEqualTo(422);
        assertThat(otherApp.body()).contains("credentials.appId", "GitHub App 999");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("validation_failed");
        assertThat(unknown.body()).contains("credentials.installationId", "has no installation 404404");
        assertNothingStored();
        assertNoSecretAnywhere(wrongApp.body() + otherApp.body() + unknown.body());
    }

    @Test
    void shouldRefuseIdsThatAreNotStringsOfDigitsAndAKeyThatIsNoKeyBeforeCallingGitHub() {
        String numbers = "{\"provider\":\"github\",\"authType\":\"app\",\"credentials\":{\"appId\":123456,"
                + "\"installationId\":\"" + INSTALLATION + "\",\"privateKey\":" + quoted(PEM) + "},\"isGlobal\":true,"
                + "\"baseUrl\":\"" + github.baseUrl() + "\"}";

        TestHttp.Response number = http.post("/v1/integrations", admin, numbers);
        TestHttp.Response letters = http.post("/v1/integrations", admin, app("12ab", INSTALLATION, PEM));
        TestHttp.Response noKey = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION,
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"));
        TestHttp.Response token = http.post("/v1/integrations", admin, "{\"provider\":\"github\",\"authType\":\"app\","
                + "\"credentials\":{\"token\":\"x\"},\"isGlobal\":true}");

        assertThat(number.status()).isEqualTo(422);
        assertThat(number.body()).contains("credentials.appId: must be a string");
        assertThat(letters.body()).contains("credentials.appId: must be GitHub's numeric id written as a string of digits");
        assertThat(noKey.body()).contains("credentials.privateKey: cannot be used");
        assertThat(token.body()).contains("credentials.token: not a key of these credentials; github app takes [appId, installationId, privateKey]");
        github.verify(0, anyRequestedFor(anyUrl()));
        assertNothingStored();
        assertNoSecretAnywhere(number.body() + letters.body() + noKey.body());
    }

    @Test
    void shouldMapARateLimitAndAnUnreachableGitHubAndStoreNothing() throws Exception {
        github.stubFor(WireMock.get("/app").willReturn(json(429, "{\"message\":\"API rate limit exceeded\"}")
                .withHeader("Retry-After", "42")));
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        TestHttp.Response limited = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, PEM));
        TestHttp.Response unreachable = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, PEM)
                .replace(github.baseUrl(), "http://127.0.0.1:" + closed));

        assertThat(limited.status()).as(limited.body()).isEqualTo(503);
        assertThat(limited.code()).isEqualTo("provider_rate_limited");
        assertThat(limited.json().path("retryAfterSeconds").asLong()).isEqualTo(42);
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(502);
        assertThat(unreachable.code()).isEqualTo("provider_unreachable");
        assertNothingStored();
        assertNoSecretAnywhere(limited.body() + unreachable.body());
    }

    @Test
    void shouldRefuseToIssueWhenGitHubNoLongerTakesTheKeyAndSayWhy() {
        IntegrationView app = linked();
        unauthorized("/app/installations/" + INSTALLATION + "/access_tokens"); // the app's key was revoked at GitHub

        Refusal refused = catchThrowableOfType(() -> credentials.issue(app, clock.instant().plusSeconds(10)), Refusal.class);

        assertThat(refused.code().code()).isEqualTo("credential_unavailable");
        assertThat(refused.getMessage()).contains("integration " + app.id(), "401", "check the app id and its private key")
                .doesNotContain("github: ");
        assertNoSecretAnywhere(refused.getMessage());
    }

    // --- GitHub, as the stub plays it

    private IntegrationView linked() {
        stubApp(KEYS);
        stubInstallation(KEYS);
        TestHttp.Response r = http.post("/v1/integrations", admin, app(APP_ID, INSTALLATION, PEM));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return credentials.find(r.json().path("id").asText()).orElseThrow();
    }

    private void stubApp(KeyPair keys) {
        github.stubFor(WireMock.get("/app").andMatching(r -> MatchResult.of(jwtProblem(r.getHeader("Authorization"), keys) == null))
                .willReturn(json(200, appJson(APP_ID))).atPriority(1));
        unauthorized("/app");
    }

    private void stubInstallation(KeyPair keys) {
        github.stubFor(WireMock.get("/app/installations/" + INSTALLATION)
                .andMatching(r -> MatchResult.of(jwtProblem(r.getHeader("Authorization"), keys) == null))
                .willReturn(json(200, "{\"id\":" + INSTALLATION + ",\"account\":{\"login\":\"acme\",\"id\":1024,"
                        + "\"type\":\"Organization\",\"site_admin\":false},\"repository_selection\":\"selected\","
                        + "\"access_tokens_url\":\"https://api.github.com/app/installations/" + INSTALLATION + "/access_tokens\","
                        + "\"app_id\":" + APP_ID + ",\"app_slug\":\"octo-deployer\",\"target_id\":1024,\"target_type\":\"Organization\","
                        + "\"permissions\":{\"contents\":\"write\",\"metadata\":\"read\",\"pull_requests\":\"write\"},"
                        + "\"events\":[\"push\"],\"created_at\":\"2024-01-02T10:00:00.000Z\",\"suspended_at\":null}"))
                .atPriority(1));
        github.stubFor(WireMock.get(WireMock.urlMatching("/app/installations/[0-9]+"))
                .willReturn(json(404, "{\"message\":\"Not Found\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app\",\"status\":\"404\"}"))
                .atPriority(5));
        unauthorized("/app/installations/" + INSTALLATION);
    }

    private void stubExchange(String token, Instant expiresAt, String state, String next) {
        String url = "/app/installations/" + INSTALLATION + "/access_tokens";
        github.stubFor(WireMock.post(url).inScenario("tokens").whenScenarioStateIs(state).willSetStateTo(next)
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .andMatching(r -> MatchResult.of(jwtProblem(r.getHeader("Authorization"), KEYS) == null))
                .willReturn(json(201, "{\"token\":\"" + token + "\",\"expires_at\":\""
                        + expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"permissions\":"
                        + "{\"contents\":\"write\",\"metadata\":\"read\"},\"repository_selection\":\"selected\"}"))
                .atPriority(1));
        unauthorized(url);
    }

    /** GitHub's answer to a JWT it cannot verify. */
    private void unauthorized(String url) {
        github.stubFor(WireMock.any(urlEqualTo(url)).willReturn(json(401, "{\"message\":\"A JSON web token could not be "
                + "decoded\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")).atPriority(9));
    }

    private static String appJson(String id) {
        return "{\"id\":" + id + ",\"slug\":\"octo-deployer\",\"node_id\":\"MDM6QXBwMTIzNDU2\",\"owner\":{\"login\":\"acme\","
                + "\"id\":1024,\"type\":\"Organization\"},\"name\":\"Octo Deployer\",\"description\":\"\",\"external_url\":"
                + "\"https://acme.example.com\",\"html_url\":\"https://github.com/apps/octo-deployer\",\"created_at\":"
                + "\"2024-01-02T10:00:00Z\",\"updated_at\":\"2024-01-02T10:00:00Z\",\"permissions\":{\"contents\":\"write\","
                + "\"metadata\":\"read\"},\"events\":[\"push\"],\"installations_count\":1}";
    }

    /** Why {@code authorization} is not a JWT GitHub would take from the app, or null when it is. */
    private String jwtProblem(String authorization, KeyPair keys) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            if (!jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.RS256)) {
                return "not RS256";
            }
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))) {
                return "signature";
            }
            var claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            Instant iat = claims.getIssueTime().toInstant();
            Instant exp = claims.getExpirationTime().toInstant();
            if (!APP_ID.equals(claims.getIssuer())) {
                return "iss " + claims.getIssuer();
            }
            if (iat.isAfter(now.minusSeconds(55)) || !exp.isAfter(now) || Duration.between(iat, exp).compareTo(Duration.ofMinutes(10)) > 0) {
                return "times";
            }
            return null;
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private List<LoggedRequest> exchanges() {
        return github.findAll(postRequestedFor(urlEqualTo("/app/installations/" + INSTALLATION + "/access_tokens")));
    }

    private String app(String appId, String installationId, String pem) {
        return "{\"provider\":\"github\",\"authType\":\"app\",\"credentials\":{\"appId\":\"" + appId + "\",\"installationId\":\""
                + installationId + "\",\"privateKey\":" + quoted(pem) + "},\"isGlobal\":true,\"baseUrl\":\"" + github.baseUrl() + "\"}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28").withBody(body);
    }

    private void assertNothingStored() {
        assertThat(BrokerTraces.count(tx, jdbc, "integration")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'integration:%'")).isZero();
    }

    private void assertNoSecretAnywhere(String responses) {
        String audit = BrokerTraces.audit(tx, jdbc);
        String logged = traces.logged();
        String bytes = BrokerTraces.h2Bytes(tx, jdbc, h2);
        for (String secret : List.of(PEM_CANARY, TOKEN_ONE, TOKEN_TWO)) {
            assertThat(responses).doesNotContain(secret);
            assertThat(audit).doesNotContain(secret);
            assertThat(logged).doesNotContain(secret);
            assertThat(bytes).doesNotContain(secret);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as GitHub hands it out (here PKCS#8), 64 base64 characters a line. */
    static String pem(KeyPair keys) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
