package io.carapulse.cli.connect;

import io.carapulse.cli.CliEnvironment;
import java.nio.file.Path;

/**
 * Where Carapulse keeps its files on this machine: {@code CARAPULSE_HOME} (a leading {@code ~}
 * expanded), else {@code ~/.carapulse} — the same rule the server follows, so the CLI finds the token
 * the local server wrote.
 */
public final class Home {

    private Home() {
    }

    public static Path of(CliEnvironment env) {
        String configured = env.variable("CARAPULSE_HOME");
        String userHome = env.userHome().toString();
        if (configured == null) {
            return Path.of(userHome, ".carapulse");
        }
        if (configured.equals("~") || configured.startsWith("~/")) {
            return Path.of(userHome + configured.substring(1));
        }
        return Path.of(configured);
    }

    /** The local server's admin token, written by the server on its first start. */
    public static Path tokenFile(CliEnvironment env) {
        return of(env).resolve("token");
    }

    /** The CLI's contexts. */
    public static Path configFile(CliEnvironment env) {
        return of(env).resolve("config.yaml");
    }

    /** The LLM auth profiles (the token sink). */
    public static Path authProfilesFile(CliEnvironment env) {
        return of(env).resolve("auth-profiles.json");
    }
}
