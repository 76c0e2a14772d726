package io.carapulse.llm.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables and home directory auth paths are resolved from, injectable so tests
 * (and a server with its own settings) never touch the real {@code ~}.
 *
 * @param variables looks an environment variable up; returns {@code null} when it is not set
 * @param home      the user's home directory, what a leading {@code ~} stands for
 */
public record AuthEnv(Function<String, String> variables, Path home) {

    /** Overrides {@code ~/.carapulse/auth-profiles.json}. */
    public static final String AUTH_PATH = "CARAPULSE_AUTH_PATH";
    /** Names the profile to use, before any default. */
    public static final String AUTH_PROFILE = "CARAPULSE_AUTH_PROFILE";
    /** A ChatGPT access token that overrides every {@code openai-codex} profile. */
    public static final String ACCESS_TOKEN = "OPENAI_ACCESS_TOKEN";
    /** The Codex CLI's home; its login file is {@code $CODEX_HOME/auth.json}. */
    public static final String CODEX_HOME = "CODEX_HOME";
    /** Overrides OpenClaw's {@code ~/.openclaw}. */
    public static final String OPENCLAW_STATE_DIR = "OPENCLAW_STATE_DIR";

    public AuthEnv {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(home, "home");
    }

    /** The process environment and {@code user.home}. */
    public static AuthEnv system() {
        return new AuthEnv(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** A fixed environment, for tests and embedding. */
    public static AuthEnv of(Map<String, String> variables, Path home) {
        Map<String, String> copy = Map.copyOf(variables);
        return new AuthEnv(copy::get, home);
    }

    /** The variable's value, or empty when it is unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A path as a user wrote it: a leading {@code ~} or {@code ~/} is the home directory. */
    public Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /** The token sink: {@code $CARAPULSE_AUTH_PATH}, else {@code ~/.carapulse/auth-profiles.json}. */
    public Path authProfilesPath() {
        return get(AUTH_PATH).map(this::expand).orElse(home.resolve(".carapulse").resolve("auth-profiles.json"));
    }

    /** The Codex CLI's login file: {@code $CODEX_HOME/auth.json}, else {@code ~/.codex/auth.json}. */
    public Path codexAuthPath() {
        return get(CODEX_HOME).map(this::expand).orElse(home.resolve(".codex")).resolve("auth.json");
    }

    /** OpenClaw's state directory: {@code $OPENCLAW_STATE_DIR}, else {@code ~/.openclaw}. */
    public Path openClawStateDir() {
        return get(OPENCLAW_STATE_DIR).map(this::expand).orElse(home.resolve(".openclaw"));
    }
}
