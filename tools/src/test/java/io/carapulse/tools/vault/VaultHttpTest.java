package io.carapulse.tools.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.carapulse.tools.vault.VaultTestSupport.KV_VALUE;
import static io.carapulse.tools.vault.VaultTestSupport.LEASE;
import static io.carapulse.tools.vault.VaultTestSupport.NAMESPACE;
import static io.carapulse.tools.vault.VaultTestSupport.SERVER_ACCESSOR;
import static io.carapulse.tools.vault.VaultTestSupport.SERVER_TOKEN;
import static io.carapulse.tools.vault.VaultTestSupport.call;
import static io.carapulse.tools.vault.VaultTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport (no vault binary on the PATH) through the Vault Java Driver's REST client against
 * WireMock answering like Vault 1.15.6: the server token only in {@code X-Vault-Token}, the namespace in
 * {@code X-Vault-Namespace}, Vault's {@code {"errors": […]}} envelope, sealed 503, 429, re-login after a
 * 403 from an expired token; no token in results, errors or logs.
 */
class VaultHttpTest {

    private static final String PERMISSION_DENIED = "{\"errors\":[\"permission denied\"]}";

    @TempDir
    Path emptyPath;

    private final WireMockServer vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private VaultAdapter adapter;

    @BeforeEach
    void start() {
        vault.start();
        VaultTestSupport.stubAuth(vault);
        adapter = VaultTestSupport.adapter(VaultTestSupport.address(vault), emptyPath, runner);
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains(SERVER_TOKEN) || m.contains(VaultTestSupport.CHILD_TOKEN));
        vault.stop();
        runner.close();
    }

    private ToolResult run(String action, String args) {
        return adapter.action(action).orElseThrow().execute(call(action, args), ctx);
    }

    private String url(String path) {
        return VaultTestSupport.address(vault) + path;
    }

    @Test
    void shouldListKeysWithTheServerTokenAndNamespaceHeaders() {
        vault.stubFor(get(urlEqualTo("/v1/secret/metadata/app/?list=true"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN)).withHeader("X-Vault-Namespace", equalTo(NAMESPACE))
                .willReturn(okJson(fixture("kv-list-http.json"))));

        ToolResult result = run("kv-list", "{\"mount\": \"secret\", \"path\": \"app/\"}");

        vault.verify(postRequestedFor(urlEqualTo("/v1/auth/approle/login"))
                .withHeader("X-Vault-Namespace", equalTo(NAMESPACE)).withHeader("X-Vault-Token", absent()));
        vault.verify(getRequestedFor(urlEqualTo("/v1/secret/metadata/app/?list=true"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN)).withHeader("X-Vault-Namespace", equalTo(NAMESPACE)));
        assertThat(result.transport()).isEqualTo(Transport.HTTP);
        assertThat(result.command()).containsExactly("GET", url("/v1/secret/metadata/app/?list=true"));
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.data().path("keys").toString()).isEqualTo("[\"api\",\"db\",\"team/\"]");
        assertThat(result.externalIds()).containsEntry("requestId", "1e8f3b7a-4c2d-9e0f-5a6b-7c8d9e0f1a2b")
                .containsEntry("tokenAccessor", SERVER_ACCESSOR).containsEntry("mount", "secret");
        assertThat(result.toString()).doesNotContain(SERVER_TOKEN);
    }

    @Test
    void shouldReadHealthWithoutATokenAndASealedVaultsAnswer503AsItsState() {
        vault.stubFor(get(urlEqualTo("/v1/sys/health")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody(fixture("health-sealed.json"))));

        ToolResult result = run("status", "{}");

        vault.verify(getRequestedFor(urlEqualTo("/v1/sys/health")).withHeader("X-Vault-Token", absent()));
        vault.verify(0, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.data().path("sealed").asBoolean()).isTrue();
        assertThat(result.data().path("initialized").asBoolean()).isTrue();
    }

    @Test
    void shouldReadAHealthyVault() {
        vault.stubFor(get(urlEqualTo("/v1/sys/health")).willReturn(okJson(fixture("health.json"))));

        ToolResult result = run("status", "{}");

        assertThat(result.data().path("sealed").asBoolean()).isFalse();
        assertThat(result.data().path("clusterName").asText()).isEqualTo("vault-cluster-6d9c6e5b");
    }

    @Test
    void shouldReadPermissionDeniedAsForbiddenWithVaultsMessage() {
        vault.stubFor(get(urlEqualTo("/v1/secret/metadata/app/db")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(PERMISSION_DENIED)));
        vault.stubFor(get(urlEqualTo("/v1/auth/token/lookup-self")).willReturn(okJson("{\"data\":{\"ttl\":3000}}")));

        ToolException e = catchThrowableOfType(() -> run("kv-metadata", "{\"mount\": \"secret\", \"path\": \"app/db\"}"),
                ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("vault API GET " + url("/v1/secret/metadata/app/db")
                + " answered 403: permission denied");
        assertThat(e.partial().orElseThrow().httpStatus()).isEqualTo(403);
        // the token was still valid: no second login
        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
    }

    @Test
    void shouldLogInAgainWhenVaultRefusesAnExpiredTokenAndAskOnce() {
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/lookup")).inScenario("expiry").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(403).withBody(PERMISSION_DENIED)).willSetStateTo("expired"));
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/lookup")).inScenario("expiry").whenScenarioStateIs("expired")
                .willReturn(okJson(fixture("lease-lookup.json"))));
        vault.stubFor(get(urlEqualTo("/v1/auth/token/lookup-self"))
                .willReturn(aResponse().withStatus(403).withBody(PERMISSION_DENIED)));

        ToolResult result = run("lease-lookup", "{\"leaseId\": \"" + LEASE + "\"}");

        vault.verify(2, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
        vault.verify(2, putRequestedFor(urlEqualTo("/v1/sys/leases/lookup"))
                .withRequestBody(equalToJson("{\"lease_id\": \"" + LEASE + "\"}")));
        assertThat(result.data().path("ttl").asLong()).isEqualTo(3599);
        assertThat(result.externalIds()).containsEntry("leaseId", LEASE)
                .containsEntry("requestId", "2a3b4c5d-6e7f-8091-a2b3-c4d5e6f70812");
    }

    @Test
    void shouldTreatASealedVaultAsRetriableForAReadOnly() {
        vault.stubFor(get(urlEqualTo("/v1/sys/audit")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Vault is sealed\"]}")));
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/revoke")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Vault is sealed\"]}")));

        RetriableToolException read = catchThrowableOfType(() -> run("audit-devices", "{}"),
                RetriableToolException.class);
        ToolException write = catchThrowableOfType(() -> run("lease-revoke", "{\"leaseId\": \"" + LEASE + "\"}"),
                ToolException.class);

        assertThat(read.failure()).isEqualTo(ToolFailure.UNAVAILABLE);
        assertThat(read.getMessage()).endsWith("answered 503: Vault is sealed");
        assertThat(write.failure()).isEqualTo(ToolFailure.UNAVAILABLE);
        vault.verify(1, putRequestedFor(urlEqualTo("/v1/sys/leases/revoke")));
    }

    @Test
    void shouldReadARateLimitAsRetriableForAReadAndFinalForAWrite() {
        String limited = "{\"errors\":[\"request path \\\"sys/leases/lookup\\\": rate limit quota exceeded\"]}";
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/lookup")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1").withBody(limited)));
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/renew")).willReturn(aResponse().withStatus(429).withBody(limited)));

        RetriableToolException read = catchThrowableOfType(() -> run("lease-lookup",
                "{\"leaseId\": \"" + LEASE + "\"}"), RetriableToolException.class);
        ToolException write = catchThrowableOfType(() -> run("lease-renew", "{\"leaseId\": \"" + LEASE + "\"}"),
                ToolException.class);

        assertThat(read.failure()).isEqualTo(ToolFailure.RATE_LIMITED);
        assertThat(read.getMessage()).contains("rate limit quota exceeded");
        assertThat(write.failure()).isEqualTo(ToolFailure.RATE_LIMITED);
    }

    @Test
    void shouldNeverRepeatATokenVaultQuotesInAnError() {
        vault.stubFor(get(urlEqualTo("/v1/sys/audit")).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[\"bad token " + SERVER_TOKEN + "\"]}")));

        ToolException e = catchThrowableOfType(() -> run("audit-devices", "{}"), ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
        assertThat(e.getMessage()).doesNotContain(SERVER_TOKEN).contains("bad token [REDACTED]");
    }

    @Test
    void shouldRollBackOverHttpLikeTheCliWithoutShowingTheValues() {
        vault.stubFor(get(urlEqualTo("/v1/secret/metadata/app/db")).willReturn(okJson(fixture("kv-metadata.json"))));
        vault.stubFor(get(urlEqualTo("/v1/secret/data/app/db?version=2")).willReturn(okJson(fixture("kv-data-v2.json"))));
        vault.stubFor(post(urlEqualTo("/v1/secret/data/app/db")).willReturn(okJson(fixture("kv-written.json"))));
        ToolCall rollback = call("kv-rollback", "{\"mount\": \"secret\", \"path\": \"app/db\", \"version\": 2}");

        ToolCall inverse = adapter.action("kv-rollback").orElseThrow().captureInverse(rollback, ctx).orElseThrow();
        ToolResult result = adapter.action("kv-rollback").orElseThrow().execute(rollback, ctx);

        vault.verify(postRequestedFor(urlEqualTo("/v1/secret/data/app/db"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN))
                .withRequestBody(equalToJson("{\"options\": {\"cas\": 3}, \"data\": {\"password\": \"" + KV_VALUE
                        + "\"}}")));
        assertThat(inverse.args().toString()).isEqualTo("{\"mount\":\"secret\",\"path\":\"app/db\",\"version\":3}");
        assertThat(result.data().toString()).isEqualTo("{\"mount\":\"secret\",\"path\":\"app/db\",\"rolledBackTo\":2,"
                + "\"newVersion\":4,\"createdTime\":\"2024-11-21T09:00:00.000001Z\"}");
        assertThat(result.externalIds()).containsEntry("version", "4").containsEntry("previousVersion", "3")
                .containsEntry("requestId", "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d");
        assertThat(result.toString()).doesNotContain(KV_VALUE);
        assertThat(ctx.lines()).noneMatch(l -> l.contains(KV_VALUE));
    }

    @Test
    void shouldListAuditDevicesShowingWhereTheyLog() {
        vault.stubFor(get(urlEqualTo("/v1/sys/audit")).willReturn(okJson(fixture("sys-audit.json"))));

        ToolResult result = run("audit-devices", "{}");

        assertThat(result.data().toString()).isEqualTo("{\"devices\":[{\"path\":\"file/\",\"type\":\"file\","
                + "\"description\":\"\",\"local\":false,\"options\":{\"file_path\":\"/vault/audit/audit.log\","
                + "\"hmac_accessor\":\"false\"}}]}");
        assertThat(result.externalIds()).containsEntry("requestId", "4c5d6e7f-8091-a2b3-c4d5-e6f708192a34");
    }

    @Test
    void shouldRevokeAPrefixAndRotateAStaticRoleOnTheirPaths() {
        vault.stubFor(put(urlEqualTo("/v1/sys/leases/revoke-prefix/database/creds/app/"))
                .willReturn(aResponse().withStatus(204)));
        vault.stubFor(post(urlEqualTo("/v1/database/rotate-role/app-static")).willReturn(aResponse().withStatus(204)));
        vault.stubFor(get(urlEqualTo("/v1/database/static-roles/app-static")).willReturn(okJson(fixture("static-role.json"))));

        ToolResult revoked = run("lease-revoke-prefix", "{\"prefix\": \"database/creds/app/\"}");
        ToolResult rotated = run("db-rotate-role", "{\"mount\": \"database\", \"role\": \"app-static\"}");

        assertThat(revoked.httpStatus()).isEqualTo(204);
        assertThat(revoked.externalIds()).containsEntry("leasePrefix", "database/creds/app/");
        assertThat(rotated.command()).containsExactly("POST", url("/v1/database/rotate-role/app-static"));
        assertThat(rotated.data().path("username").asText()).isEqualTo("payments_app");
        assertThat(rotated.externalIds()).containsEntry("readRequestId", "5d6e7f80-91a2-b3c4-d5e6-f708192a3b45");
    }

    @Test
    void shouldFailClosedWhenTheServerCannotLogIn() {
        vault.stubFor(post(urlEqualTo("/v1/auth/approle/login")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[\"invalid role or secret ID\"]}")));

        ToolException e = catchThrowableOfType(() -> run("kv-list", "{\"mount\": \"secret\", \"path\": \"app/\"}"),
                ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.UNAUTHENTICATED);
        assertThat(e.getMessage()).isEqualTo("vault approle login (mount approle) answered 400: invalid role or secret ID");
        vault.verify(0, getRequestedFor(urlEqualTo("/v1/secret/metadata/app/?list=true")));
    }
}
