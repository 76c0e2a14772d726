package io.carapulse.core;

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

    /** Properties to set unless the user already set them. */
    public static Map<String, String> compute(Map<String, String> env, String userHome) {
        Path home = home(env, userHome);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("carapulse.home", home.toAbsolutePath().toString());
        String dbUrl = env.get("CARAPULSE_DB_URL");
        if (env.get("DATASOURCES_DEFAULT_URL") == null) {
            props.put("datasources.default.url",
                    dbUrl == null || dbUrl.isBlank() ? embeddedDatabaseUrl(home) : dbUrl);
        }
        return props;
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
