package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An unlink that fails after deleting the secrets and rows (its audit record fails) leaves everything as it was. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationUnlinkAtomicityTest implements TestPropertyProvider {

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "test.integration.fail-unlink-audit", "true");
    }

    @AfterAll
    void stop() {
        stub.stop();
    }

    @Test
    void shouldLeaveTheIntegrationItsEnvironmentsAndSecretsWhenTheUnlinkFails() {
        stub.start();
        stub.stubFor(WireMock.get("/user").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"login\":\"octocat\",\"id\":1}")));
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        TestHttp.Response linked = http.post("/v1/integrations", admin, "{\"provider\":\"github\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + IntegrationApiTest.CANARY + "\"},\"environments\":[\"prod\",\"staging\"],"
                + "\"baseUrl\":\"" + stub.baseUrl() + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String id = linked.json().path("id").asText();

        TestHttp.Response failed = http.delete("/v1/integrations/" + id, admin);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(count("integration WHERE id = '" + id + "'")).isEqualTo(1);
        assertThat(count("integration_environment WHERE integration_id = '" + id + "'")).isEqualTo(2);
        try (Plaintext p = secrets.read(Integrations.owner(id), "github:token").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(IntegrationApiTest.CANARY);
        }
        assertThat(http.get("/v1/integrations/" + id, admin).status()).isEqualTo(200);
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
