package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A link whose storing fails after GitLab minted its identity (the link's audit record, the transaction's last
 * write, fails): nothing is stored, the service account is deprovisioned, and that is audited.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitLabMintStoreFailureTest implements TestPropertyProvider {

    private final WireMockServer gitlab = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        gitlab.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "carapulse.broker.validation-timeout", "10s", "test.integration.fail-link-audit", "true");
    }

    @AfterAll
    void stop() {
        gitlab.stop();
    }

    @Test
    void shouldDeprovisionTheMintedServiceAccountWhenTheLinkCannotBeStored() {
        GitLabStubs stubs = new GitLabStubs(gitlab);
        stubs.owner();
        stubs.serviceAccount();
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        TestHttp.Response provider = http.post("/v1/integrations/providers", admin, "{\"provider\":\"gitlab\","
                + "\"mode\":\"service_account\",\"baseUrl\":\"" + gitlab.baseUrl() + "\",\"groupId\":\"acme\","
                + "\"credentials\":{\"token\":\"" + GitLabStubs.ADMIN + "\"},\"scopes\":[\"read_repository\"]}");
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);

        TestHttp.Response r = http.post("/v1/integrations", admin, "{\"provider\":\"gitlab\",\"authType\":\"automated\","
                + "\"credentialProvider\":\"" + provider.json().path("id").asText() + "\",\"environments\":[\"prod\"]}");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).doesNotContain(GitLabStubs.SA_TOKEN).doesNotContain(GitLabStubs.ADMIN);
        gitlab.verify(1, deleteRequestedFor(urlEqualTo("/api/v4/groups/345/service_accounts/57")));
        assertThat(BrokerTraces.count(tx, jdbc, "integration")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "integration_source")).isZero();
        assertThat(BrokerTraces.count(tx, jdbc, "broker_secret WHERE owner LIKE 'integration:%'")).isZero();
        assertThat(BrokerTraces.lastAudit(tx, jdbc)).contains("integration.deprovision", "ALLOW",
                "\"deprovisioned\":true", "\"gitlabUserId\":\"57\"", "the link could not be stored");
    }
}
