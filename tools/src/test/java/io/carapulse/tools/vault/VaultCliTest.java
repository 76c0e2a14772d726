package io.carapulse.tools.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.carapulse.tools.vault.VaultTestSupport.CHILD_ACCESSOR;
import static io.carapulse.tools.vault.VaultTestSupport.CHILD_TOKEN;
import static io.carapulse.tools.vault.VaultTestSupport.LEASE;
import static io.carapulse.tools.vault.VaultTestSupport.NAMESPACE;
import static io.carapulse.tools.vault.VaultTestSupport.SERVER_TOKEN;
import static io.carapulse.tools.vault.VaultTestSupport.call;
import static io.carapulse.tools.vault.VaultTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI transport against a recording fake {@code vault} printing Vault 1.15.6's {@code -format=json}
 * output, with a WireMock Vault for the server's login and the child tokens: exact argv, the child token
 * (never the server's) only in the environment, revoked after every call however it ends.
 */
class VaultCliTest {

    @TempDir
    Path dir;

    private final WireMockServer vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));

    @BeforeEach
    void start() {
        vault.start();
        VaultTestSupport.stubAuth(vault);
    }

    @AfterEach
    void stop() {
        vault.stop();
        runner.close();
    }

    private VaultAdapter adapter(FakeBinary fake) {
        return VaultTestSupport.adapter(VaultTestSupport.address(vault), fake.directory(), runner);
    }

    private ToolResult run(FakeBinary fake, String action, String args) {
        return adapter(fake).action(action).orElseThrow().execute(call(action, args), ctx);
    }

    private void assertChildTokenRevokedOnce() {
        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/revoke-accessor"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN))
                .withHeader("X-Vault-Namespace", equalTo(NAMESPACE))
                .withRequestBody(equalToJson("{\"accessor\": \"" + CHILD_ACCESSOR + "\"}")));
    }

    @Test
    void shouldListKeysWithAChildTokenMadeForTheCallAndRevokeItAfter() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(fixture("kv-list.json")).build();

        ToolResult result = run(fake, "kv-list", "{\"mount\": \"secret\", \"path\": \"app/\"}");

        FakeBinary.Invocation invocation = fake.recorded().get(0);
        assertThat(invocation.args()).containsExactly("kv", "list", "-format=json", "-mount=secret", "app/");
        assertThat(invocation.env()).containsEntry("VAULT_ADDR", VaultTestSupport.address(vault))
                .containsEntry("VAULT_NAMESPACE", NAMESPACE).containsEntry("VAULT_TOKEN", CHILD_TOKEN);
        assertThat(String.join(" ", invocation.argv())).doesNotContain(CHILD_TOKEN).doesNotContain(SERVER_TOKEN);
        assertThat(invocation.env().values()).doesNotContain(SERVER_TOKEN);
        // the call's private directory (HOME, where a careless CLI would write a token helper file) is gone
        assertThat(invocation.cwd()).doesNotExist();
        assertThat(invocation.env().get("HOME")).isEqualTo(invocation.cwd().toString());

        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/create"))
                .withHeader("X-Vault-Token", equalTo(SERVER_TOKEN))
                .withHeader("X-Vault-Namespace", equalTo(NAMESPACE))
                .withRequestBody(matchingJsonPath("$.no_default_policy", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.num_uses", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.renewable", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("service")))
                .withRequestBody(matchingJsonPath("$.policies[0]", equalTo("carapulse-ops")))
                .withRequestBody(matchingJsonPath("$.ttl", com.github.tomakehurst.wiremock.client.WireMock
                        .matching("[0-9]+s")))
                .withRequestBody(matchingJsonPath("$.display_name", equalTo("carapulse-kv-list"))));
        assertChildTokenRevokedOnce();

        assertThat(result.transport()).isEqualTo(Transport.CLI);
        assertThat(result.data().path("keys").toString()).isEqualTo("[\"api\",\"db\",\"team/\"]");
        assertThat(result.externalIds()).containsEntry("childTokenAccessor", CHILD_ACCESSOR)
                .containsEntry("childTokenRequestId", "f00341c1-fad5-f6e6-13fd-235617f858a1")
                .containsEntry("namespace", NAMESPACE).containsEntry("mount", "secret");
    }

    @Test
    void shouldRevokeTheChildTokenWhenTheCommandFails() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").exitCode(1)
                .stderr(VaultAdapterContractTest.apiError("GET", "secret/metadata/app/db", 403, "permission denied"))
                .build();

        ToolException e = catchThrowableOfType(() -> run(fake, "kv-metadata",
                "{\"mount\": \"secret\", \"path\": \"app/db\"}"), ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.FORBIDDEN);
        assertThat(e.getMessage()).contains("permission denied");
        assertThat(e.partial().orElseThrow().externalIds()).containsEntry("childTokenAccessor", CHILD_ACCESSOR);
        assertChildTokenRevokedOnce();
    }

    @Test
    void shouldRevokeTheChildTokenWhenTheCallTimesOut() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").sleep(Duration.ofSeconds(60)).build();
        RecordingToolContext shortCall = RecordingToolContext.withTimeout(Duration.ofSeconds(2));

        ToolException e = catchThrowableOfType(() -> adapter(fake).action("lease-lookup").orElseThrow()
                .execute(call("lease-lookup", "{\"leaseId\": \"" + LEASE + "\"}"), shortCall), ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.TIMED_OUT);
        assertChildTokenRevokedOnce();
    }

    @Test
    void shouldRevokeTheChildTokenWhenTheCallIsCancelled() throws Exception {
        FakeBinary fake = FakeBinary.builder(dir, "vault").sleep(Duration.ofSeconds(120)).build();
        RecordingToolContext running = RecordingToolContext.withTimeout(Duration.ofMinutes(5));
        VaultAdapter adapter = adapter(fake);
        CompletableFuture<Optional<ToolException>> call = CompletableFuture.supplyAsync(() -> {
            try {
                adapter.action("kv-list").orElseThrow().execute(call("kv-list",
                        "{\"mount\": \"secret\", \"path\": \"app/\"}"), running);
                return Optional.empty();
            } catch (ToolException e) {
                return Optional.of(e);
            }
        });
        for (int i = 0; i < 600 && fake.recorded().isEmpty(); i++) {
            Thread.sleep(50);
        }
        running.cancel();

        assertThat(call.get(60, TimeUnit.SECONDS)).get().extracting(ToolException::failure)
                .isEqualTo(ToolFailure.CANCELLED);
        assertChildTokenRevokedOnce();
    }

    @Test
    void shouldRunStatusWithoutAnyTokenAndReadASealedVaultAsAnAnswer() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(fixture("status-sealed.json")).exitCode(2).build();

        ToolResult result = run(fake, "status", "{}");

        FakeBinary.Invocation invocation = fake.recorded().get(0);
        assertThat(invocation.args()).containsExactly("status", "-format=json");
        assertThat(invocation.env()).doesNotContainKey("VAULT_TOKEN").containsEntry("VAULT_NAMESPACE", NAMESPACE);
        vault.verify(0, postRequestedFor(urlEqualTo("/v1/auth/token/create")));
        vault.verify(0, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.data().path("sealed").asBoolean()).isTrue();
        assertThat(result.data().path("version").asText()).isEqualTo("1.15.6");
    }

    @Test
    void shouldReadAHealthyActiveNodesStatus() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(fixture("status.json")).build();

        ToolResult result = run(fake, "status", "{}");

        assertThat(result.data().toString()).isEqualTo("{\"initialized\":true,\"sealed\":false,\"standby\":false,"
                + "\"version\":\"1.15.6\",\"clusterName\":\"vault-cluster-6d9c6e5b\","
                + "\"clusterId\":\"7c2a0b9e-52a5-3c91-0b1d-6e0f4b9d2a11\"}");
    }

    @Test
    void shouldRollBackAndCaptureTheVersionCurrentBeforeAsTheInverse() {
        FakeBinary fake = FakeBinary.builder(dir, "vault")
                .answer(List.of("kv", "metadata", "get"), fixture("kv-metadata.json"))
                .stdout(fixture("kv-rollback.json")).build();
        VaultAdapter adapter = adapter(fake);
        ToolCall rollback = call("kv-rollback", "{\"mount\": \"secret\", \"path\": \"app/db\", \"version\": 2}");

        ToolCall inverse = adapter.action("kv-rollback").orElseThrow().captureInverse(rollback, ctx).orElseThrow();
        ToolResult result = adapter.action("kv-rollback").orElseThrow().execute(rollback, ctx);

        assertThat(inverse.args().toString()).isEqualTo("{\"mount\":\"secret\",\"path\":\"app/db\",\"version\":3}");
        assertThat(fake.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                List.of("kv", "metadata", "get", "-format=json", "-mount=secret", "app/db"),
                List.of("kv", "rollback", "-format=json", "-mount=secret", "-version=2", "app/db"));
        assertThat(result.data().path("newVersion").asLong()).isEqualTo(4);
        assertThat(result.externalIds()).containsEntry("version", "4")
                .containsEntry("requestId", "c4d5e6f7-0a1b-2c3d-4e5f-6a7b8c9d0e1f")
                .containsEntry("childTokenAccessor", CHILD_ACCESSOR);
        // one child token for the read before, one for the rollback: each revoked
        vault.verify(2, postRequestedFor(urlEqualTo("/v1/auth/token/revoke-accessor")));
    }

    @Test
    void shouldRotateAStaticRoleAndReadItBackWithoutThePassword() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").answer(List.of("read"), fixture("static-role.json")).build();

        ToolResult result = run(fake, "db-rotate-role", "{\"mount\": \"database\", \"role\": \"app-static\"}");

        assertThat(fake.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                List.of("write", "-format=json", "-f", "database/rotate-role/app-static"),
                List.of("read", "-format=json", "database/static-roles/app-static"));
        assertThat(result.data().path("lastVaultRotation").asText()).isEqualTo("2024-11-21T09:00:01.234567Z");
        assertThat(result.externalIds()).containsEntry("mount", "database").containsEntry("role", "app-static")
                .containsEntry("readRequestId", "5d6e7f80-91a2-b3c4-d5e6-f708192a3b45");
        assertChildTokenRevokedOnce();
    }

    @Test
    void shouldReportARotationWhoseReadBackFailedAsDoneWithItsEvidence() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").answer(List.of("write"), "").exitCode(1)
                .stderr(VaultAdapterContractTest.apiError("GET", "database/static-roles/app-static", 403,
                        "permission denied")).build();

        ToolException e = catchThrowableOfType(() -> run(fake, "db-rotate-role",
                "{\"mount\": \"database\", \"role\": \"app-static\"}"), ToolException.class);

        assertThat(e.failure()).isEqualTo(ToolFailure.TOOL_FAILED);
        assertThat(e.getMessage()).startsWith("vault.db-rotate-role rotated the password, but reading the role "
                + "afterwards failed");
        assertThat(e.partial().orElseThrow().command()).endsWith("write", "-format=json", "-f",
                "database/rotate-role/app-static");
        assertThat(e.partial().orElseThrow().exitCode()).isZero();
        assertChildTokenRevokedOnce();
    }

    @Test
    void shouldRenewRevokeAndRevokeAPrefixWithExactArgv() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").answer(List.of("lease", "renew"), fixture("lease-renew.json"))
                .build();

        ToolResult renewed = run(fake, "lease-renew", "{\"leaseId\": \"" + LEASE + "\", \"incrementSeconds\": 3600}");
        run(fake, "lease-revoke", "{\"leaseId\": \"" + LEASE + "\"}");
        run(fake, "lease-revoke-prefix", "{\"prefix\": \"database/creds/app/\"}");

        assertThat(fake.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                List.of("lease", "renew", "-format=json", "-increment=3600s", LEASE),
                List.of("lease", "revoke", LEASE),
                List.of("lease", "revoke", "-prefix", "database/creds/app/"));
        assertThat(renewed.data().path("leaseDuration").asLong()).isEqualTo(7200);
        assertThat(renewed.externalIds()).containsEntry("leaseId", LEASE)
                .containsEntry("requestId", "3b4c5d6e-7f80-91a2-b3c4-d5e6f7081923");
        VaultAdapter adapter = adapter(fake);
        assertThat(adapter.action("lease-revoke-prefix").orElseThrow().descriptor().actionClass())
                .isEqualTo(ActionClass.BREAK_GLASS);
        assertThat(adapter.action("lease-revoke").orElseThrow().descriptor().actionClass()).isEqualTo(ActionClass.WRITE);
        vault.verify(3, postRequestedFor(urlEqualTo("/v1/auth/token/revoke-accessor")));
    }

    @Test
    void shouldLogAFailedRevocationByAccessorOnlyAndStillAnswer() {
        vault.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/auth/token/revoke-accessor"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)
                        .withBody("{\"errors\":[\"internal error\"]}")));
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(fixture("kv-list.json")).build();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            ToolResult result = run(fake, "kv-list", "{\"mount\": \"secret\", \"path\": \"app/\"}");

            assertThat(result.data().path("keys")).hasSize(3);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("revoking the child token with accessor " + CHILD_ACCESSOR + " failed"))
                .noneMatch(m -> m.contains(CHILD_TOKEN) || m.contains(SERVER_TOKEN));
    }

    @Test
    void shouldLogInOnceAndReuseTheServersTokenAcrossCalls() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(fixture("kv-list.json")).build();
        VaultAdapter adapter = adapter(fake);

        for (int i = 0; i < 3; i++) {
            adapter.action("kv-list").orElseThrow().execute(call("kv-list",
                    "{\"mount\": \"secret\", \"path\": \"app/\"}"), ctx);
        }

        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
        vault.verify(3, postRequestedFor(urlEqualTo("/v1/auth/token/create")));
        vault.verify(3, postRequestedFor(urlEqualTo("/v1/auth/token/revoke-accessor")));
    }
}
