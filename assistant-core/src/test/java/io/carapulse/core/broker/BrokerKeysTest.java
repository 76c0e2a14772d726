package io.carapulse.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import io.carapulse.core.broker.crypto.KmsKeyEncryptionKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** How the settings become keys: current and previous, local and KMS, and the messages when they cannot. */
class BrokerKeysTest {

    private final Map<String, String> env = Map.of(
            "KEK_A", Base64.getEncoder().encodeToString(SecretStoreContract.KEY_A),
            "KEK_B", Base64.getEncoder().encodeToString(SecretStoreContract.KEY_B));

    private BrokerKeys keys(String current, List<String> previous) {
        return new BrokerKeys(new BrokerConfiguration(current, previous, 100), env::get,
                () -> KmsKeyEncryptionKey.client("eu-west-1", "http://127.0.0.1:9", AnonymousCredentialsProvider.create()));
    }

    @Test
    void shouldHoldTheCurrentKeyFirstThenThePreviousOnes() {
        BrokerKeys k = keys("env:KEK_B", List.of("env:KEK_A"));

        assertThat(k.require().current().id()).isEqualTo(SecretStoreContract.kek(SecretStoreContract.KEY_B).id());
        assertThat(k.require().ids()).containsExactly(SecretStoreContract.kek(SecretStoreContract.KEY_B).id(),
                SecretStoreContract.kek(SecretStoreContract.KEY_A).id());
        assertThat(k.toString()).doesNotContain(env.get("KEK_A")).doesNotContain(env.get("KEK_B"));
    }

    @Test
    void shouldStopOnAKmsKeyThatCannotBeNamedNamingItsSetting() {
        assertThatThrownBy(() -> keys("env:KEK_B", List.of("env:KEK_A", "aws-kms:alias/old")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("carapulse.broker.previous-key-encryption-keys[1]: KMS DescribeKey with "
                        + "aws-kms:alias/old cannot be reached");
    }

    @Test
    void shouldBeOffWithoutAKeyAndSaySo() {
        BrokerKeys off = keys(null, null);
        assertThat(off.keyring()).isEmpty();
        assertThatThrownBy(off::require).isInstanceOf(BrokerNotConfiguredException.class);
    }

    @Test
    void shouldNameThePreviousKeyThatCannotBeReadByItsPosition() {
        assertThatThrownBy(() -> keys("env:KEK_B", List.of("env:KEK_A", "env:KEK_GONE")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("carapulse.broker.previous-key-encryption-keys[1]: the secret env:KEK_GONE is not set or is empty");
    }

    @Test
    void shouldNeverShowAPastedKeyInItsConfiguration() {
        String pasted = env.get("KEK_A");
        BrokerConfiguration config = new BrokerConfiguration(pasted, List.of(pasted), 100);
        assertThat(config.toString()).doesNotContain(pasted);
        assertThatThrownBy(() -> keys(pasted, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(pasted);
    }
}
