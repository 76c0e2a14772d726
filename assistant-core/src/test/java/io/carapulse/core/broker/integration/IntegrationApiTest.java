package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/integrations} against WireMock stubs shaped like GitHub, GitLab and Jira: a credential the
 * service accepts is stored encrypted with what the service said about it; every refusal (by the
 * request's shape, the roles, the service, the network) stores nothing, and the canary token is in no
 * response, audit row or log line.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationApiTest implements TestPropertyProvider {

    static final String CANARY = "ghp_canaryZq8wX2vN7mK4pR9sT1uYb3";
    static final String KEY_FILE = keyFile();

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String admin;
    private String operator;
    private String viewer;
    private ListAppender<ILoggingEvent> log;
    private Level oursLevel;

    @Override
    public Map<String, String> getProperties() {
        stub.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + KEY_FILE,
                "carapulse.broker.validation-timeout", "3s"); // generous: a loaded CI machine must not time the stubs out
    }

    @BeforeEach
    void setUp() {
        stub.resetAll();
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        IntegrationTables.clear(tx, jdbc);
        log = new ListAppender<>();
        log.start();
        // everything Carapulse logs, down to DEBUG, goes to this list only (not the console); the rest as configured
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        oursLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        ours.setAdditive(false);
        ours.addAppender(log);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.detachAppender(log);
        ours.setAdditive(true);
        ours.setLevel(oursLevel);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void shouldLinkGitHubWithTheLoginIdAndScopesGitHubReports() {
        stub.stubFor(WireMock.get("/user").withHeader("Authorization", equalTo("Bearer " + CANARY))
                .willReturn(json(200, "{\"login\":\"octocat\",\"id\":583231,\"type\":\"User\",\"site_admin\":false}")
                        .withHeader("X-OAuth-Scopes", "repo, read:org").withHeader("X-RateLimit-Remaining", "4999")));

        TestHttp.Response r = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"isGlobal\":true"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("id").asText()).startsWith("int_");
        assertThat(r.json().path("provider").asText()).isEqualTo("github");
        assertThat(r.json().path("authType").asText()).isEqualTo("pat");
        assertThat(r.json().path("scope").asText()).isEqualTo("global");
        assertThat(r.json().path("username").asText()).isEqualTo("octocat");
        assertThat(r.json().path("externalId").asText()).isEqualTo("583231");
        assertThat(r.json().path("scopes").toString()).isEqualTo("[\"repo\",\"read:org\"]");
        assertThat(r.json().path("createdBy").asText()).isEqualTo("admin");
        assertThat(r.json().has("credentials")).isFalse();
        String id = r.json().path("id").asText();
        try (Plaintext p = secrets.read(Integrations.owner(id), "github:token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(CANARY);
        }
        assertThat(count("integration")).isEqualTo(1);
        assertThat(count("broker_secret WHERE owner LIKE 'integration:%'")).isEqualTo(1);
        assertThat(lastAudit()).contains("integration.link", id, "octocat");
        assertThat(http.get("/v1/integrations/" + id, viewer).body()).contains("octocat").doesNotContain(CANARY);
        assertThat(http.get("/v1/integrations", viewer).json().path("items").size()).isEqualTo(1);
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldLinkGitLabForEnvironmentsWithTheTokensScopes() {
        stub.stubFor(WireMock.get("/api/v4/user").withHeader("PRIVATE-TOKEN", equalTo(CANARY))
                .willReturn(json(200, "{\"id\":1,\"username\":\"carapulse-bot\",\"name\":\"Carapulse\",\"state\":\"active\"}")));
        stub.stubFor(WireMock.get("/api/v4/personal_access_tokens/self").withHeader("PRIVATE-TOKEN", equalTo(CANARY))
                .willReturn(json(200, "{\"id\":4,\"name\":\"carapulse\",\"revoked\":false,\"scopes\":[\"api\",\"read_repository\"],\"active\":true}")));

        TestHttp.Response r = http.post("/v1/integrations", admin, "{\"provider\":\"gitlab\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + CANARY + "\"},\"environments\":[\"staging\",\"prod\"],\"baseUrl\":\""
                + stub.baseUrl() + "\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("scope").asText()).isEqualTo("environments");
        assertThat(r.json().path("environments").toString()).isEqualTo("[\"prod\",\"staging\"]");
        assertThat(r.json().path("username").asText()).isEqualTo("carapulse-bot");
        assertThat(r.json().path("scopes").toString()).isEqualTo("[\"api\",\"read_repository\"]");
        assertThat(http.get("/v1/integrations?environment=prod&provider=gitlab", viewer).json().path("items").size()).isEqualTo(1);
        assertThat(http.get("/v1/integrations?provider=github", viewer).json().path("items").size()).isZero();
        try (Plaintext p = secrets.read(Integrations.owner(r.json().path("id").asText()), "gitlab:token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(CANARY);
        }
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldLinkJiraWithBasicAuthAndTheAccountId() {
        String basic = Base64.getEncoder().encodeToString(("bot@acme.com:" + CANARY).getBytes(StandardCharsets.UTF_8));
        stub.stubFor(WireMock.get("/rest/api/3/myself").withHeader("Authorization", equalTo("Basic " + basic))
                .willReturn(json(200, "{\"accountId\":\"5b10a2844c20165700ede21g\",\"accountType\":\"atlassian\","
                        + "\"emailAddress\":\"bot@acme.com\",\"displayName\":\"Carapulse Bot\",\"active\":true}")));

        TestHttp.Response r = http.post("/v1/integrations", admin, "{\"provider\":\"jira\",\"authType\":\"basic_auth\","
                + "\"credentials\":{\"username\":\"bot@acme.com\",\"api_token\":\"" + CANARY + "\"},\"isGlobal\":true,"
                + "\"baseUrl\":\"" + stub.baseUrl() + "\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("username").asText()).isEqualTo("bot@acme.com");
        assertThat(r.json().path("externalId").asText()).isEqualTo("5b10a2844c20165700ede21g");
        try (Plaintext p = secrets.read(Integrations.owner(r.json().path("id").asText()), "jira:api_token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(CANARY);
        }
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldLinkAGenericTokenCheckedAtItsValidateUrlOrNotAtAll() {
        stub.stubFor(WireMock.get("/health/auth").withHeader("Authorization", equalTo("Bearer " + CANARY)).willReturn(json(204, "")));

        TestHttp.Response checked = http.post("/v1/integrations", admin, "{\"provider\":\"generic\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + CANARY + "\"},\"environments\":[\"prod\"],\"baseUrl\":\"https://api.example.com\","
                + "\"validateUrl\":\"" + stub.baseUrl() + "/health/auth\"}");
        TestHttp.Response unchecked = http.post("/v1/integrations", admin, "{\"provider\":\"generic\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + CANARY + "\"},\"environments\":[\"staging\"],\"baseUrl\":\"https://api.example.com\"}");

        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(201);
        stub.verify(1, getRequestedFor(urlEqualTo("/health/auth")));
        assertThat(count("broker_secret WHERE owner LIKE 'integration:%' AND name = 'generic:token'")).isEqualTo(2);
        assertNoCanaryAnywhere(checked);
    }

    static Stream<Arguments> serviceRefusals() {
        return Stream.of(
                Arguments.of("github 401", "github", WireMock.get("/user").willReturn(json(401,
                        "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")),
                        422, "credential_rejected", "GitHub refused the token: 401 Bad credentials", null),
                Arguments.of("github 403", "github", WireMock.get("/user").willReturn(json(403,
                        "{\"message\":\"Resource not accessible by personal access token\",\"status\":\"403\"}")),
                        422, "credential_rejected", "GitHub refused the token: 403 Resource not accessible", null),
                Arguments.of("github 403 rate limit", "github", WireMock.get("/user").willReturn(json(403,
                        "{\"message\":\"API rate limit exceeded for user ID 1.\"}").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("Retry-After", "42")), 503, "provider_rate_limited", "try again in 42 s", "42"),
                Arguments.of("github 429", "github", WireMock.get("/user").willReturn(json(429,
                        "{\"message\":\"You have exceeded a secondary rate limit.\"}").withHeader("Retry-After", "30")),
                        503, "provider_rate_limited", "GitHub is rate-limiting the check: 429", "30"),
                Arguments.of("github 500", "github", WireMock.get("/user").willReturn(json(500, "{\"message\":\"Server Error\"}")),
                        502, "provider_unreachable", "answered 500 Server Error", null),
                Arguments.of("github timeout", "github", WireMock.get("/user").willReturn(json(200, "{\"login\":\"late\",\"id\":1}")
                        .withFixedDelay(10000)), 502, "provider_unreachable", "did not answer within 3 s", null),
                Arguments.of("github echoing the token", "github", WireMock.get("/user").willReturn(json(401,
                        "{\"message\":\"Bad credentials: " + CANARY + "\"}")), 422, "credential_rejected",
                        "GitHub refused the token: 401 Bad credentials: [redacted]", null),
                Arguments.of("gitlab 401", "gitlab", WireMock.get("/api/v4/user").willReturn(json(401, "{\"message\":\"401 Unauthorized\"}")),
                        422, "credential_rejected", "GitLab refused the token: 401 401 Unauthorized", null),
                Arguments.of("jira 401", "jira", WireMock.get("/rest/api/3/myself").willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "text/plain;charset=UTF-8").withHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED")
                        .withBody("Basic authentication with passwords is deprecated.")),
                        422, "credential_rejected", "Jira refused the credentials: 401 Unauthorized", null),
                Arguments.of("jira 403", "jira", WireMock.get("/rest/api/3/myself").willReturn(json(403,
                        "{\"errorMessages\":[\"You do not have permission to see the specified user.\"],\"errors\":{}}")),
                        422, "credential_rejected", "Jira refused the credentials: 403 You do not have permission", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceRefusals")
    void shouldStoreNothingWhenTheServiceRefusesOrFails(String name, String provider,
                                                        com.github.tomakehurst.wiremock.client.MappingBuilder mapping,
                                                        int status, String code, String detail, String retryAfter) {
        stub.stubFor(mapping);
        long audits = count("audit_event");

        TestHttp.Response r = http.post("/v1/integrations", admin, body(provider, stub.baseUrl()));

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().path("detail").asText()).contains(detail);
        if (retryAfter != null) {
            assertThat(r.headers().firstValue("Retry-After")).contains(retryAfter);
            assertThat(r.json().path("retryAfterSeconds").asText()).isEqualTo(retryAfter);
        }
        assertNothingStored();
        assertThat(count("audit_event")).isEqualTo(audits + 1);
        assertThat(lastAudit()).contains("integration.link", code);
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldStoreNothingWhenTheServiceRefusesTheConnection() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        TestHttp.Response r = http.post("/v1/integrations", admin, github("http://127.0.0.1:" + closed, "\"isGlobal\":true"));

        assertThat(r.status()).as(r.body()).isEqualTo(502);
        assertThat(r.code()).isEqualTo("provider_unreachable");
        assertThat(r.json().path("detail").asText()).contains("could not be reached");
        assertNothingStored();
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldKeepOneIntegrationPerProviderPerScopeTarget() {
        stub.stubFor(WireMock.get("/user").willReturn(json(200, "{\"login\":\"octocat\",\"id\":1}")));
        stub.stubFor(WireMock.get("/api/v4/user").willReturn(json(200, "{\"login\":\"bot\",\"id\":2}")));
        String global = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"isGlobal\":true")).json().path("id").asText();
        String prod = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"environments\":[\"prod\"]")).json().path("id").asText();
        stub.resetRequests();

        TestHttp.Response secondGlobal = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"isGlobal\":true"));
        TestHttp.Response prodAgain = http.post("/v1/integrations", admin,
                github(stub.baseUrl(), "\"environments\":[\"staging\",\"prod\"]"));
        stub.verify(0, anyRequestedFor(anyUrl()));
        TestHttp.Response stagingOnly = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"environments\":[\"staging\"]"));
        TestHttp.Response gitlabProd = http.post("/v1/integrations", admin, body("gitlab", stub.baseUrl()));

        assertThat(secondGlobal.status()).isEqualTo(409);
        assertThat(secondGlobal.code()).isEqualTo("conflict");
        assertThat(secondGlobal.json().path("detail").asText()).contains(global);
        assertThat(prodAgain.status()).isEqualTo(409);
        assertThat(prodAgain.json().path("detail").asText()).contains(prod, "'prod'");
        assertThat(stagingOnly.status()).as(stagingOnly.body()).isEqualTo(201);
        assertThat(gitlabProd.status()).as(gitlabProd.body()).isEqualTo(201);
        assertThat(count("integration")).isEqualTo(4);
    }

    @Test
    void shouldUnlinkTheIntegrationItsEnvironmentsAndItsSecrets() {
        stub.stubFor(WireMock.get("/user").willReturn(json(200, "{\"login\":\"octocat\",\"id\":1}")));
        String id = http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"environments\":[\"prod\",\"staging\"]"))
                .json().path("id").asText();

        TestHttp.Response refused = http.delete("/v1/integrations/" + id, operator);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(count("integration")).isEqualTo(1);
        TestHttp.Response done = http.delete("/v1/integrations/" + id, admin);

        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(count("integration")).isZero();
        assertThat(count("integration_environment")).isZero();
        assertThat(count("broker_secret WHERE owner = '" + Integrations.owner(id) + "'")).isZero();
        assertThat(lastAudit()).contains("integration.unlink", id);
        assertThat(http.get("/v1/integrations/" + id, viewer).status()).isEqualTo(404);
        assertThat(http.delete("/v1/integrations/" + id, admin).status()).isEqualTo(404);
        // the environment is free again
        assertThat(http.post("/v1/integrations", admin, github(stub.baseUrl(), "\"environments\":[\"prod\"]")).status()).isEqualTo(201);
    }

    static Stream<Arguments> invalidRequests() {
        String token = "\"credentials\":{\"token\":\"" + CANARY + "\"}";
        return Stream.of(
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,\"color\":\"red\"}",
                        "validation_failed", "color"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\",\"credentials\":{\"token\":\"" + CANARY
                        + "\",\"user\":\"x\"},\"isGlobal\":true}", "validation_failed", "credentials.user"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\",\"credentials\":{\"token\":42},\"isGlobal\":true}",
                        "validation_failed", "must be a string"),
                Arguments.of("{\"provider\":\"jira\",\"authType\":\"basic_auth\"," + token + ",\"isGlobal\":true,"
                        + "\"baseUrl\":\"https://acme.atlassian.net\"}", "validation_failed", "credentials.token"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"environments\":\"prod\"}",
                        "validation_failed", "environments"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + "}",
                        "validation_failed", "Exactly one of isGlobal, environments or agent must be specified"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":false,\"environments\":[]}",
                        "validation_failed", "Exactly one of isGlobal, environments or agent must be specified"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,\"environments\":[\"prod\"]}",
                        "validation_failed", "not both"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"environments\":[\"xyz\"]}",
                        "environment_not_allowed", "Environment 'xyz' not found"),
                Arguments.of("{\"provider\":\"gitlab\",\"authType\":\"automated\"," + token + ",\"isGlobal\":true}",
                        "validation_failed", "credentials: gitlab automated takes none"),
                Arguments.of("{\"provider\":\"jira\",\"authType\":\"app\"," + token + ",\"isGlobal\":true}",
                        "validation_failed", "jira does not take 'app'"),
                Arguments.of("{\"provider\":\"jira\",\"authType\":\"oauth\"," + token + ",\"isGlobal\":true}",
                        "validation_failed", "jira does not take 'oauth'"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"basic_auth\"," + token + ",\"isGlobal\":true}",
                        "validation_failed", "github does not take 'basic_auth'; supported: github pat, github app, github oauth, gitlab pat, gitlab automated, gitlab oauth, jira basic_auth, generic pat"),
                Arguments.of("{\"provider\":\"bitbucket\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true}",
                        "validation_failed", "'bitbucket' is not supported"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,"
                        + "\"baseUrl\":\"http://github.example.com\"}", "validation_failed", "must be https"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,"
                        + "\"baseUrl\":\"https://user:pw@github.example.com\"}", "validation_failed", "must not hold credentials"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,"
                        + "\"baseUrl\":\"ftp://github.example.com\"}", "validation_failed", "http(s)"),
                Arguments.of("{\"provider\":\"jira\",\"authType\":\"basic_auth\",\"credentials\":{\"username\":\"a@b.c\","
                        + "\"api_token\":\"" + CANARY + "\"},\"isGlobal\":true}", "validation_failed", "baseUrl: required for jira"),
                Arguments.of("{\"provider\":\"github\",\"authType\":\"pat\"," + token + ",\"isGlobal\":true,"
                        + "\"validateUrl\":\"https://example.com\"}", "validation_failed", "only the generic provider"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void shouldRefuseAnInvalidRequestBeforeCallingTheService(String body, String code, String detail) {
        stub.stubFor(WireMock.get(anyUrl()).willReturn(json(200, "{\"login\":\"x\",\"id\":1}")));

        TestHttp.Response r = http.post("/v1/integrations", admin, body);

        assertThat(r.status()).as(r.body()).isEqualTo(code.equals("malformed_request") ? 400 : 422);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(r.body()).contains(detail);
        stub.verify(0, anyRequestedFor(anyUrl()));
        assertNothingStored();
        assertNoCanaryAnywhere(r);
    }

    @Test
    void shouldRefuseAnOperatorBeforeAnyCallToTheService() {
        stub.stubFor(WireMock.get(anyUrl()).willReturn(json(200, "{\"login\":\"x\",\"id\":1}")));
        long audits = count("audit_event");

        TestHttp.Response r = http.post("/v1/integrations", operator, github(stub.baseUrl(), "\"isGlobal\":true"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        stub.verify(0, anyRequestedFor(anyUrl()));
        assertNothingStored();
        assertThat(count("audit_event")).isEqualTo(audits + 1);
        assertThat(lastAudit()).contains("integration.link", "DENY", "forbidden", "needs the admin role");
        assertThat(http.get("/v1/integrations", operator).status()).isEqualTo(200);
        assertNoCanaryAnywhere(r);
    }

    static String keyFile() {
        return io.carapulse.core.broker.TestKeks.file(18);
    }

    private String github(String baseUrl, String scope) {
        return "{\"provider\":\"github\",\"authType\":\"pat\",\"credentials\":{\"token\":\"" + CANARY + "\"}," + scope
                + ",\"baseUrl\":\"" + baseUrl + "\"}";
    }

    private static String body(String provider, String baseUrl) {
        String credentials = provider.equals("jira")
                ? "\"authType\":\"basic_auth\",\"credentials\":{\"username\":\"bot@acme.com\",\"api_token\":\"" + CANARY + "\"}"
                : "\"authType\":\"pat\",\"credentials\":{\"token\":\"" + CANARY + "\"}";
        return "{\"provider\":\"" + provider + "\"," + credentials + ",\"environments\":[\"prod\"],\"baseUrl\":\"" + baseUrl + "\"}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private void assertNothingStored() {
        assertThat(count("integration")).isZero();
        assertThat(count("integration_environment")).isZero();
        assertThat(count("broker_secret WHERE owner LIKE 'integration:%'")).isZero();
    }

    private void assertNoCanaryAnywhere(TestHttp.Response r) {
        assertThat(r.body()).doesNotContain(CANARY);
        assertThat(r.headers().map().toString()).doesNotContain(CANARY);
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
        assertThat(audit).doesNotContain(CANARY);
        assertThat(log.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(CANARY);
            if (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(CANARY);
            }
        });
    }

    private String lastAudit() {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT action, subject_id, decision, reason, details_json, actor"
                + " FROM audit_event ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                                + " " + rs.getString(5) + " " + rs.getString(6);
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
}
