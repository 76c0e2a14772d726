package io.carapulse.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.util.Throwables.getRootCause;

import io.carapulse.config.ConfigurationException;
import io.carapulse.core.broker.crypto.Plaintext;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The start-up key check in a real server context: with secrets stored, a server without a key or with
 * the wrong key does not start, and says why in one line naming the setting; the old key listed as a
 * previous key lets a new key start. With no key and no secret the server starts.
 */
class KeyCheckStartupTest {

    private final String database = "jdbc:h2:mem:broker-start-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private ApplicationContext start(String key, String previous) {
        return start(key, previous, Map.of());
    }

    private ApplicationContext start(String key, String previous, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(more);
        p.put("datasources.default.url", database);
        if (key != null) {
            p.put("carapulse.broker.key-encryption-key", key);
        }
        if (previous != null) {
            p.put("carapulse.broker.previous-key-encryption-keys", previous);
        }
        return ApplicationContext.run(p, "test");
    }

    @Test
    void shouldStopAServerWithoutTheKeyTheStoredSecretsNeedInOneLineNamingTheSetting() {
        String keyA = "file:" + SecretStoreContract.keyFile(SecretStoreContract.KEY_A);
        String keyC = "file:" + SecretStoreContract.keyFile(SecretStoreContract.KEY_C);
        try (ApplicationContext first = start(keyA, null)) {
            try (Plaintext p = Plaintext.ofString(SecretStoreContract.CANARY)) {
                first.getBean(SecretStore.class).put("integration:int_1", "github:token", p);
            }
        }

        assertThatThrownBy(() -> start(null, null)).satisfies(e -> {
            Throwable root = getRootCause(e);
            assertThat(root).isInstanceOf(ConfigurationException.class);
            assertThat(root.getMessage()).isEqualTo("carapulse.broker.key-encryption-key "
                    + "(CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): 1 secret is stored (encrypted under ["
                    + SecretStoreContract.kek(SecretStoreContract.KEY_A).id() + "]) but no key encryption key is set;"
                    + " set the key they were encrypted with");
        });
        assertThatThrownBy(() -> start(keyC, null)).satisfies(e -> {
            Throwable root = getRootCause(e);
            assertThat(root).isInstanceOf(ConfigurationException.class);
            assertThat(root.getMessage()).startsWith("carapulse.broker.key-encryption-key "
                    + "(CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): stored secrets are encrypted under [").doesNotContain("\n")
                    .doesNotContain(SecretStoreContract.CANARY);
        });
        try (ApplicationContext rotated = start(keyC, keyA)) {
            try (Plaintext p = rotated.getBean(SecretStore.class).read("integration:int_1", "github:token").orElseThrow()) {
                assertThat(p.reveal()).isEqualTo(SecretStoreContract.CANARY);
            }
        }
    }

    @Test
    void shouldStartWithoutAKeyWhenNoSecretIsStoredAndRefuseAKeyThatIsNotOne() {
        try (ApplicationContext none = start(null, null)) {
            assertThat(none.getBean(BrokerKeys.class).keyring()).isEmpty();
            assertThatThrownBy(() -> none.getBean(SecretStore.class).read("integration:int_1", "github:token"))
                    .isInstanceOf(BrokerNotConfiguredException.class);
        }
        assertThatThrownBy(() -> start("env:CARAPULSE_TEST_UNSET_KEK", null)).satisfies(e -> assertThat(
                getRootCause(e).getMessage()).isEqualTo("carapulse.broker.key-encryption-key: the secret "
                + "env:CARAPULSE_TEST_UNSET_KEK is not set or is empty"));
    }

    @Test
    void shouldStopAServerWhoseInventoryTakesATokenFromTheBrokerWhenTheBrokerIsOff() {
        Map<String, Object> gitlab = Map.of("carapulse.environments.staging.gitlab.token", "integration:gitlab",
                "carapulse.environments.staging.gitlab.repositories[0].name", "platform/web",
                "carapulse.environments.staging.gitlab.repositories[0].bases", "main");

        assertThatThrownBy(() -> start(null, null, gitlab)).satisfies(e -> assertThat(getRootCause(e).getMessage())
                .isEqualTo("carapulse.environments.staging (integration:gitlab): integration: references need the credential "
                        + "broker, which is off; set carapulse.broker.key-encryption-key (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY)"
                        + " (docs/integrations.md#key-management)"));
        try (ApplicationContext on = start("file:" + SecretStoreContract.keyFile(SecretStoreContract.KEY_A), null, gitlab)) {
            assertThat(on.getBean(BrokerKeys.class).keyring()).isPresent();
        }
    }
}
