package io.carapulse.core.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.ConfigurationException;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A component's configuration error stops the start with its message on one line; anything else is not ours to shorten. */
class ServerLauncherTest {

    @Test
    void shouldFindTheConfigurationErrorUnderTheFrameworksWrapping() {
        Throwable wrapped = new IllegalStateException("Error starting",
                new BeanInstantiationException("Error instantiating bean\nPath Taken: new OidcTokenValidator(...)",
                        new ConfigurationException("carapulse.auth.oidc.audience (CARAPULSE_AUTH_OIDC_AUDIENCE) is required")));

        assertThat(ServerLauncher.configurationProblem(wrapped))
                .isEqualTo("carapulse.auth.oidc.audience (CARAPULSE_AUTH_OIDC_AUDIENCE) is required");
    }

    @Test
    void shouldKeepOnlyTheFirstLineOfAMessage() {
        assertThat(ServerLauncher.configurationProblem(new ConfigurationException("carapulse.x: bad\n\tat Foo.bar")))
                .isEqualTo("carapulse.x: bad");
    }

    @Test
    void shouldLeaveOtherFailuresToTheFramework() {
        assertThat(ServerLauncher.configurationProblem(new IllegalStateException("port in use"))).isNull();
    }

    @Test
    void shouldStopAServerWhoseBrokerKeyDoesNotOpenTheStoredSecretsWithOneLine() {
        String db = "jdbc:h2:mem:launcher-broker-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Function<Integer, String> key = seed -> {
            try {
                Path f = Files.createTempFile("kek", ".b64");
                byte[] k = new byte[32];
                Arrays.fill(k, (byte) (int) seed);
                Files.writeString(f, Base64.getEncoder().encodeToString(k));
                return "file:" + f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (var first = ApplicationContext.run(Map.of("datasources.default.url", db,
                "carapulse.broker.key-encryption-key", key.apply(1)), "test");
             var p = Plaintext.ofString("canary-secret-0001")) {
            first.getBean(SecretStore.class).put("integration:int_1", "github:token", p);
        }
        Throwable failure = catchThrowable(() -> ApplicationContext
                .run(Map.of("datasources.default.url", db, "carapulse.broker.key-encryption-key",
                        key.apply(2)), "test"));

        assertThat(ServerLauncher.configurationProblem(failure))
                .startsWith("carapulse.broker.key-encryption-key (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): stored secrets "
                        + "are encrypted under [local:")
                .endsWith("; set the key they were encrypted with (or list it in "
                        + "carapulse.broker.previous-key-encryption-keys)")
                .doesNotContain("canary-secret-0001");
    }

    @Test
    void shouldCheckTheConfigurationItWouldStartWithIncludingCommandLineArguments() {
        assertThat(ServerLauncher.of("--carapulse.executor.threads=many").check())
                .contains("carapulse.executor.threads (CARAPULSE_EXECUTOR_THREADS): must be a whole number between 1 and 256");
    }

    @Test
    void shouldSayWhatTheDatabaseSaidWhenItRefusedTheStart() {
        Throwable wrapped = new IllegalStateException("Error starting", new RuntimeException("Failed to initialize pool",
                new java.sql.SQLException("FATAL: password authentication failed for user \"carapulse\"\n  more", "28P01")));

        assertThat(ServerLauncher.databaseProblem(wrapped))
                .isEqualTo("FATAL: password authentication failed for user \"carapulse\" (SQL state 28P01)");
        assertThat(ServerLauncher.databaseProblem(new IllegalStateException("port in use"))).isNull();
    }
}
