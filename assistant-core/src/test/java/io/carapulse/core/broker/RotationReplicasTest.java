package io.carapulse.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rotation never strands a running replica: two replicas on one database, A holding only the old key,
 * B the new key with the old one as previous. B refuses to rotate while A runs, naming A and its keys;
 * once A has stopped (its row removed), B rotates, and the refusal and the rotation are audited.
 */
class RotationReplicasTest {

    private final String database = "jdbc:h2:mem:broker-replicas-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private EmbeddedServer start(byte[] key, byte[] previous) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", database);
        p.put("micronaut.server.port", -1);
        p.put("carapulse.broker.key-encryption-key", "file:" + SecretStoreContract.keyFile(key));
        if (previous != null) {
            p.put("carapulse.broker.previous-key-encryption-keys", "file:" + SecretStoreContract.keyFile(previous));
        }
        return ApplicationContext.run(EmbeddedServer.class, p, "test");
    }

    @Test
    void aReplicaWithoutTheNewKeyShouldHoldTheRotationBackUntilItStops() {
        String oldId = SecretStoreContract.kek(SecretStoreContract.KEY_A).id();
        String newId = SecretStoreContract.kek(SecretStoreContract.KEY_B).id();
        EmbeddedServer a = start(SecretStoreContract.KEY_A, null);
        try (EmbeddedServer b = start(SecretStoreContract.KEY_B, SecretStoreContract.KEY_A)) {
            String admin = b.getApplicationContext().getBean(TokenService.class)
                    .create(Actor.SYSTEM, "rotator", List.of("admin")).token();
            TestHttp http = new TestHttp(b.getURL());

            TestHttp.Response refused = http.post("/v1/integrations/rotate-key", admin, "");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid_state");
            assertThat(refused.json().get("detail").asText()).startsWith("not rotating: replica " + ProcessHandle.current().pid() + "@")
                    .contains("holds [" + oldId + "], not the current key " + newId);

            a.close();
            TestHttp.Response rotated = http.post("/v1/integrations/rotate-key", admin, "");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.json().get("keyId").asText()).isEqualTo(newId);
            assertThat(rotated.json().get("rewrapped").asInt()).as("the key check A wrote").isEqualTo(1);

            String audit = http.get("/v1/audit?action=integration.rotate-key", admin).body();
            assertThat(audit).contains("\"decision\":\"DENY\"", "\"decision\":\"ALLOW\"");
        } finally {
            if (a.isRunning()) {
                a.close();
            }
        }
    }
}
