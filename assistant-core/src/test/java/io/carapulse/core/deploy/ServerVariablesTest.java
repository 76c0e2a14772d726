package io.carapulse.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The derivation the manifest tests lean on finds what the server reads, and only that. */
class ServerVariablesTest {

    @Test
    void shouldFindTheVariablesOfEachSource() {
        assertThat(ServerVariables.placeholders(Repository.root()))
                .contains("CARAPULSE_DB_PASSWORD", "CARAPULSE_SHUTDOWN_GRACE", "CARAPULSE_PORT");
        assertThat(ServerVariables.javaReads(Repository.root())).contains("CARAPULSE_HOME", "CARAPULSE_DB_URL");
        assertThat(ServerVariables.launcher(Repository.root())).contains("JAVA_OPTS", "CARAPULSE_SKIP_BUILD");
    }

    @Test
    void shouldNotFindVariablesNothingReads() {
        // a common container convention the server follows for its database password only
        assertThat(ServerVariables.all()).contains("CARAPULSE_DB_PASSWORD_FILE")
                .doesNotContain("CARAPULSE_DB_USER_FILE", "POSTGRES_PASSWORD");
        // application.yml names CARAPULSE_HOME only in a comment; it counts because ServerDefaults reads it
        assertThat(ServerVariables.placeholders(Repository.root())).doesNotContain("CARAPULSE_HOME");
    }
}
