package io.carapulse.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults that depend on the machine: where Carapulse keeps its files and which database it
 * uses when none is configured. Computed once by the launcher and handed to Micronaut as system
 * properties, so configuration files and command-line arguments can still override them.
 */
public final class ServerDefaults {

    // WRITE_DELAY=0: a commit reaches the file before the call returns, so a killed process loses nothing (S10).
    // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while the server still
    // stops (steps finishing, their records being written); the pool closes it last instead.
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
            + ";DB_CLOSE_ON_EXIT=FALSE";

    private ServerDefaults() {
    }

    /** {@code CARAPULSE_HOME} (a leading {@code ~} expanded), else {@code ~/.carapulse}. */
    public static Path home(Map<String, String> env, String userHome) {
        String configured = env.get("CARAPULSE_HOME");
        if (configured == null || configured.isBlank()) {
            return Path.of(userHome, ".carapulse");
        }
        if (configured.equals("~") || configured.startsWith("~/")) {
            return Path.of(userHome + configured.substring(1));
        }
        return Path.of(configured);
    }

    /** The embedded H2 database URL under {@code home}. */
    public static String embeddedDatabaseUrl(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("data").resolve("carapulse") + H2_OPTIONS;
    }

    /** A setting the launcher cannot use; its message names the variable, never a secret. */
    public static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Properties to set unless the user already set them. {@code CARAPULSE_DB_PASSWORD_FILE} names a
     * file holding the database password (a Docker or Kubernetes secret), read here once.
     *
     * @throws Problem when the password file cannot be used
     */
    public static Map<String, String> compute(Map<String, String> env, String userHome) {
        Path home = home(env, userHome);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("carapulse.home", home.toAbsolutePath().toString());
        String dbUrl = env.get("CARAPULSE_DB_URL");
        if (env.get("DATASOURCES_DEFAULT_URL") == null) {
            props.put("datasources.default.url",
                    dbUrl == null || dbUrl.isBlank() ? embeddedDatabaseUrl(home) : dbUrl);
        }
        String passwordFile = env.get("CARAPULSE_DB_PASSWORD_FILE");
        if (passwordFile != null && !passwordFile.isBlank()) {
            if (env.get("CARAPULSE_DB_PASSWORD") != null) {
                throw new Problem("CARAPULSE_DB_PASSWORD_FILE: set together with CARAPULSE_DB_PASSWORD; keep one");
            }
            props.put("datasources.default.password", readPassword(Path.of(passwordFile)));
        }
        return props;
    }

    private static String readPassword(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Problem("CARAPULSE_DB_PASSWORD_FILE: " + file + " cannot be read ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName()) + ")");
        }
        // a secret file usually ends with a newline nobody meant as part of the password
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty()) {
            throw new Problem("CARAPULSE_DB_PASSWORD_FILE: " + file + " is empty");
        }
        return password;
    }

    static void applyToSystemProperties() {
        compute(System.getenv(), System.getProperty("user.home"))
                .forEach((k, v) -> {
                    if (System.getProperty(k) == null) {
                        System.setProperty(k, v);
                    }
                });
    }
}
