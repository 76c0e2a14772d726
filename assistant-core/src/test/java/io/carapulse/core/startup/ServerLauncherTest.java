package io.carapulse.core.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.exceptions.BeanInstantiationException;
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
