package io.carapulse.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a server keeps its files and which database it uses when nothing is configured. */
class ServerDefaultsTest {

    private static final String USER_HOME = "/home/sre";

    @Test
    void shouldKeepFilesUnderDotCarapulseInTheUserHomeByDefault() {
        Map<String, String> props = ServerDefaults.compute(Map.of(), USER_HOME);

        assertThat(props).containsEntry("carapulse.home", "/home/sre/.carapulse");
    }

    @Test
    void shouldTreatABlankCarapulseHomeAsAbsent() {
        assertThat(ServerDefaults.compute(Map.of("CARAPULSE_HOME", "  "), USER_HOME))
                .containsEntry("carapulse.home", "/home/sre/.carapulse");
    }

    @Test
    void shouldExpandATildeAloneToTheUserHome() {
        assertThat(ServerDefaults.compute(Map.of("CARAPULSE_HOME", "~"), USER_HOME))
                .containsEntry("carapulse.home", "/home/sre");
    }

    @Test
    void shouldExpandALeadingTildeSlash() {
        assertThat(ServerDefaults.compute(Map.of("CARAPULSE_HOME", "~/ops/carapulse"), USER_HOME))
                .containsEntry("carapulse.home", "/home/sre/ops/carapulse");
    }

    @Test
    void shouldUseAnAbsoluteCarapulseHomeAsItIs() {
        assertThat(ServerDefaults.compute(Map.of("CARAPULSE_HOME", "/var/lib/carapulse"), USER_HOME))
                .containsEntry("carapulse.home", "/var/lib/carapulse");
    }

    @Test
    void shouldNotExpandATildeThatNamesAnotherUser() {
        Path home = ServerDefaults.home(Map.of("CARAPULSE_HOME", "~ops/x"), USER_HOME);

        assertThat(home.toString()).isEqualTo("~ops/x");
    }

    @Test
    void shouldDefaultToAnEmbeddedH2FileDatabaseUnderTheHome() {
        Map<String, String> props = ServerDefaults.compute(Map.of("CARAPULSE_HOME", "/var/lib/carapulse"), USER_HOME);

        assertThat(props.get("datasources.default.url"))
                .isEqualTo("jdbc:h2:file:/var/lib/carapulse/data/carapulse" + ServerDefaults.H2_OPTIONS)
                .contains("MODE=PostgreSQL")
                .contains("WRITE_DELAY=0");
    }

    @Test
    void shouldUseCarapulseDbUrlWhenGiven() {
        Map<String, String> props = ServerDefaults.compute(
                Map.of("CARAPULSE_DB_URL", "jdbc:postgresql://db:5432/carapulse"), USER_HOME);

        assertThat(props).containsEntry("datasources.default.url", "jdbc:postgresql://db:5432/carapulse");
    }

    @Test
    void shouldFallBackToTheEmbeddedDatabaseWhenCarapulseDbUrlIsBlank() {
        Map<String, String> props = ServerDefaults.compute(Map.of("CARAPULSE_DB_URL", ""), USER_HOME);

        assertThat(props.get("datasources.default.url")).startsWith("jdbc:h2:file:/home/sre/.carapulse/data/");
    }

    @Test
    void shouldSetNoDatabaseUrlWhenMicronautsOwnVariableIsPresent() {
        Map<String, String> props = ServerDefaults.compute(Map.of(
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://other/db",
                "CARAPULSE_DB_URL", "jdbc:postgresql://db:5432/carapulse"), USER_HOME);

        assertThat(props).doesNotContainKey("datasources.default.url").containsKey("carapulse.home");
    }

    @Test
    void shouldReadTheDatabasePasswordFromAFileWithoutItsTrailingNewline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("db-password");
        java.nio.file.Files.writeString(file, "s3cret pass\n");

        assertThat(ServerDefaults.compute(Map.of("CARAPULSE_DB_PASSWORD_FILE", file.toString()), USER_HOME))
                .containsEntry("datasources.default.password", "s3cret pass");
    }

    @Test
    void shouldRefuseAPasswordFileItCannotReadNamingTheVariableNotTheContent(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerDefaults.compute(
                        Map.of("CARAPULSE_DB_PASSWORD_FILE", dir.resolve("missing").toString()), USER_HOME))
                .isInstanceOf(ServerDefaults.Problem.class)
                .hasMessage("CARAPULSE_DB_PASSWORD_FILE: " + dir.resolve("missing") + " cannot be read (no such file)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerDefaults.compute(
                        Map.of("CARAPULSE_DB_PASSWORD_FILE", empty.toString()), USER_HOME))
                .hasMessage("CARAPULSE_DB_PASSWORD_FILE: " + empty + " is empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerDefaults.compute(
                        Map.of("CARAPULSE_DB_PASSWORD_FILE", empty.toString(), "CARAPULSE_DB_PASSWORD", "x"), USER_HOME))
                .hasMessage("CARAPULSE_DB_PASSWORD_FILE: set together with CARAPULSE_DB_PASSWORD; keep one");
    }
}
