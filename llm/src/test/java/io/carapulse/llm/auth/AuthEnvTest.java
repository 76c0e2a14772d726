package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthEnvTest {

    private final Path home = Path.of("/home/sre");

    @Test
    void shouldDefaultEveryPathUnderHome() {
        AuthEnv env = AuthEnv.of(Map.of(), home);

        assertThat(env.authProfilesPath()).isEqualTo(Path.of("/home/sre/.carapulse/auth-profiles.json"));
        assertThat(env.codexAuthPath()).isEqualTo(Path.of("/home/sre/.codex/auth.json"));
        assertThat(env.openClawStateDir()).isEqualTo(Path.of("/home/sre/.openclaw"));
    }

    @Test
    void shouldHonourOverridesAndExpandALeadingTilde() {
        AuthEnv env = AuthEnv.of(Map.of(
                "CARAPULSE_AUTH_PATH", "~/secrets/profiles.json",
                "CODEX_HOME", "/opt/codex",
                "OPENCLAW_STATE_DIR", "~"), home);

        assertThat(env.authProfilesPath()).isEqualTo(Path.of("/home/sre/secrets/profiles.json"));
        assertThat(env.codexAuthPath()).isEqualTo(Path.of("/opt/codex/auth.json"));
        assertThat(env.openClawStateDir()).isEqualTo(home);
    }

    @Test
    void shouldTreatBlankVariablesAsUnsetAndLeaveOtherTildesAlone() {
        AuthEnv env = AuthEnv.of(Map.of("CARAPULSE_AUTH_PATH", "  "), home);

        assertThat(env.authProfilesPath()).isEqualTo(Path.of("/home/sre/.carapulse/auth-profiles.json"));
        assertThat(env.expand("~other/x")).isEqualTo(Path.of("~other/x"));
    }
}
