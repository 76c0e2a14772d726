package io.carapulse.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.command.llm.LocalAuth;
import io.carapulse.core.ServerDefaults;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI writes the profile file where the server reads it: {@code assistantctl llm auth}'s store and
 * the server's ({@link CodexCredentialFactory#authEnv}, with {@code carapulse.home} as the launcher sets
 * it from {@code CARAPULSE_HOME}) are the same file for the same environment. In this package only to
 * reach the server's package-private rule.
 */
class ProfilePathAgreementTest {

    @Test
    void shouldResolveTheSameProfileFileAsTheServerForEveryWayOfSettingIt() {
        String userHome = System.getProperty("user.home");   // the server expands ~ against user.home
        List<Map<String, String>> environments = List.of(
                Map.of(),
                Map.of("CARAPULSE_HOME", "/var/lib/carapulse"),
                Map.of("CARAPULSE_HOME", "~/ops/carapulse"),
                Map.of("CARAPULSE_HOME", "~"),
                Map.of("CARAPULSE_AUTH_PATH", "/etc/carapulse/profiles.json"),
                Map.of("CARAPULSE_AUTH_PATH", "~/tokens/auth.json", "CARAPULSE_HOME", "/var/lib/carapulse"),
                Map.of("CARAPULSE_AUTH_PATH", "  ", "CARAPULSE_HOME", "/srv/cp"));
        for (Map<String, String> env : environments) {
            String carapulseHome = ServerDefaults.compute(env, userHome).get("carapulse.home");
            Path server = CodexCredentialFactory.authEnv(env::get, carapulseHome).authProfilesPath().toAbsolutePath();
            Path cli = LocalAuth.of(new CliEnvironment(env, Path.of(userHome), false, InputStream.nullInputStream()))
                    .store().path();
            assertThat(cli).as("with %s", env).isEqualTo(server);
        }
    }
}
