package io.carapulse.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/integrations/rotate-key}: an admin re-wraps everything under the new key (the old one
 * configured as previous) and gets the counts, audited; anyone else is refused, audited too.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationApiTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject AuditService audit;
    @Inject SecretStore store;
    @Inject SecretRows rows;
    @Inject io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;
    @Inject java.time.Clock clock;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("carapulse.broker.key-encryption-key", "file:" + SecretStoreContract.keyFile(SecretStoreContract.KEY_B),
                "carapulse.broker.previous-key-encryption-keys", "file:" + SecretStoreContract.keyFile(SecretStoreContract.KEY_A));
    }

    @Test
    void shouldRewrapEverythingForAnAdminAndRefuseOthers() {
        // three secrets stored while A was the current key
        SecretStore underA = new SecretStore(rows, new BrokerKeys(new io.carapulse.core.broker.crypto.Keyring(
                SecretStoreContract.kek(SecretStoreContract.KEY_A), List.of())), tx, clock);
        for (int i = 0; i < 3; i++) {
            try (Plaintext p = Plaintext.ofString(SecretStoreContract.CANARY + i)) {
                underA.put("integration:int_api", "generic:token" + i, p);
            }
        }
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();

        TestHttp.Response refused = http.post("/v1/integrations/rotate-key", operator, "");
        long head = audit.head().seq();
        TestHttp.Response done = http.post("/v1/integrations/rotate-key", admin, "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("forbidden");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        String keyB = SecretStoreContract.kek(SecretStoreContract.KEY_B).id();
        assertThat(done.json().path("rewrapped").asInt()).isEqualTo(3);
        assertThat(done.json().path("keyId").asText()).isEqualTo(keyB);
        assertThat(done.json().path("secrets").asLong()).isEqualTo(4);
        assertThat(done.body()).doesNotContain(SecretStoreContract.CANARY);
        var record = audit.find(head + 1).orElseThrow();
        assertThat(record.action()).isEqualTo(KeyRotationController.ACTION);
        assertThat(record.details().path("rewrapped").asInt()).isEqualTo(3);
        Map<String, Long> byKek = tx.executeRead(s -> rows.countByKek());
        assertThat(byKek).containsOnlyKeys(keyB);
        try (Plaintext p = store.read("integration:int_api", "generic:token2").orElseThrow()) {
            assertThat(p.reveal()).isEqualTo(SecretStoreContract.CANARY + 2);
        }
    }
}
