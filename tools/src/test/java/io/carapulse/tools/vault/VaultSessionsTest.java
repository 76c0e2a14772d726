package io.carapulse.tools.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.carapulse.tools.vault.VaultTestSupport.SERVER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.tools.vault.internal.VaultHttp;
import io.carapulse.tools.vault.internal.VaultSessions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's token: logged in once, renewed after two thirds of its TTL, logged in again when renewal fails. */
class VaultSessionsTest {

    private final WireMockServer vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-11-21T09:00:00Z"));
    private VaultSessions sessions;
    private VaultInstance instance;

    @BeforeEach
    void start() {
        vault.start();
        VaultTestSupport.stubAuth(vault);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        sessions = new VaultSessions(new VaultHttp(() -> http), name -> switch (name) {
            case "VAULT_ROLE_ID" -> VaultTestSupport.ROLE_ID;
            case "VAULT_SECRET_ID" -> VaultTestSupport.SECRET_ID;
            default -> null;
        }, clock);
        instance = VaultTestSupport.catalog(VaultTestSupport.address(vault)).find("prod").orElseThrow().inventory()
                .part(VaultInstance.class).orElseThrow();
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void shouldReuseTheTokenUntilTwoThirdsOfItsTtlThenRenewIt() {
        vault.stubFor(post(urlEqualTo("/v1/auth/token/renew-self")).withHeader("X-Vault-Token", equalTo(SERVER_TOKEN))
                .willReturn(okJson(VaultTestSupport.fixture("login.json"))));

        sessions.current("prod", instance);
        later(Duration.ofMinutes(39));
        sessions.current("prod", instance);
        vault.verify(0, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
        later(Duration.ofMinutes(2)); // 41 min of a 60 min TTL
        VaultSessions.Session renewed = sessions.current("prod", instance);

        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
        assertThat(renewed.accessor()).isEqualTo(VaultTestSupport.SERVER_ACCESSOR);
        assertThat(renewed.toString()).doesNotContain(SERVER_TOKEN);
    }

    @Test
    void shouldLogInWithTheKubernetesServiceAccountTokenAndNeverQuoteIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6b3BzOmNhcmFwdWxzZSJ9.c2ln";
        Path token = java.nio.file.Files.writeString(dir.resolve("token"), jwt + "\n");
        VaultInstance k8s = new VaultInstance(instance.address(), instance.namespace(),
                new VaultInstance.Kubernetes("k8s-prod", "carapulse", token), List.of(), instance.kvMounts(),
                instance.leasePrefixes(), instance.databaseStaticRoles());
        vault.stubFor(post(urlEqualTo("/v1/auth/k8s-prod/login"))
                .withRequestBody(equalToJson("{\"role\": \"carapulse\", \"jwt\": \"" + jwt + "\"}"))
                .willReturn(okJson(VaultTestSupport.fixture("login.json"))));

        VaultSessions.Session session = sessions.current("prod", k8s);

        assertThat(session.accessor()).isEqualTo(VaultTestSupport.SERVER_ACCESSOR);
        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/k8s-prod/login"))
                .withHeader("X-Vault-Namespace", equalTo(VaultTestSupport.NAMESPACE)));

        vault.stubFor(post(urlEqualTo("/v1/auth/k8s-prod/login")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[\"permission denied: jwt " + jwt + " is not allowed\"]}")));
        sessions.clear();
        io.carapulse.api.tool.ToolException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sessions.current("prod", k8s), io.carapulse.api.tool.ToolException.class);
        assertThat(refused.failure()).isEqualTo(io.carapulse.api.tool.ToolFailure.UNAUTHENTICATED);
        assertThat(refused.getMessage()).startsWith("vault kubernetes login (mount k8s-prod, role carapulse) answered 403")
                .doesNotContain(jwt);
    }

    @Test
    void shouldUseAGivenTokenAsIsWithoutLoggingIn() {
        VaultInstance given = new VaultInstance(instance.address(), instance.namespace(),
                new VaultInstance.Token(new io.carapulse.config.SecretRef("env", "VAULT_ROLE_ID")), List.of(),
                instance.kvMounts(), instance.leasePrefixes(), instance.databaseStaticRoles());

        VaultSessions.Session session = sessions.current("prod", given);
        later(Duration.ofDays(30));

        assertThat(sessions.current("prod", given).token()).isEqualTo(VaultTestSupport.ROLE_ID)
                .isEqualTo(session.token());
        assertThat(vault.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldLogInAgainWhenRenewalIsRefused() {
        vault.stubFor(post(urlEqualTo("/v1/auth/token/renew-self"))
                .willReturn(aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));

        sessions.current("prod", instance);
        later(Duration.ofMinutes(45));
        sessions.current("prod", instance);

        vault.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
        vault.verify(2, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
    }
}
