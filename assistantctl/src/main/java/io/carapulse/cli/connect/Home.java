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
        return configured == null ? Path.of(env.userHome().toString(), ".carapulse") : expand(configured, env);
    }

    /** The local server's admin token, written by the server on its first start. */
    public static Path tokenFile(CliEnvironment env) {
        return of(env).resolve("token");
    }

    /** The CLI's contexts. */
    public static Path configFile(CliEnvironment env) {
        return of(env).resolve("config.yaml");
    }

    /**
     * The LLM auth profiles (the token sink), where the server looks for them too:
     * {@code CARAPULSE_AUTH_PATH} (a leading {@code ~} expanded), else {@code auth-profiles.json} in
     * the home above.
     */
    public static Path authProfilesFile(CliEnvironment env) {
        String configured = env.variable("CARAPULSE_AUTH_PATH");
        return configured == null ? of(env).resolve("auth-profiles.json") : expand(configured.strip(), env);
    }

    /** {@code ~} and {@code ~/…} are the user's home; {@code ~user/…} is left alone, as the server leaves it. */
    private static Path expand(String path, CliEnvironment env) {
        String userHome = env.userHome().toString();
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(userHome + path.substring(1));
        }
        return Path.of(path);
    }
}
