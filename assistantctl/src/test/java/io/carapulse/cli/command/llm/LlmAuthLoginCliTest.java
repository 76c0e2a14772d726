package io.carapulse.cli.command.llm;

import static io.carapulse.cli.command.llm.AuthFixtures.FIXTURE_EXP;
import static io.carapulse.cli.command.llm.AuthFixtures.PROFILE_A;
import static io.carapulse.cli.command.llm.AuthFixtures.assertNoSecrets;
import static io.carapulse.cli.command.llm.AuthFixtures.mode;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.cli.ExitCode;
import io.carapulse.cli.support.Ctl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llm auth login} with a stand-in {@code codex} on PATH: a script that records its arguments and
 * CODEX_HOME, and writes (or, like a keyring login, does not write) {@code $CODEX_HOME/auth.json}.
 */
class LlmAuthLoginCliTest {

    @TempDir
    Path dir;

    private Path bin;
    private Path record;
    private Path loginFile;
    private Path sink;
    private Ctl ctl;

    @BeforeEach
    void user() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        record = dir.resolve("codex-invocation");
        loginFile = AuthFixtures.copy("codex-chatgpt", dir.resolve("fixture")).resolve("auth.json");
        sink = dir.resolve("home/auth-profiles.json");
        ctl = Ctl.fresh().with("CARAPULSE_HOME", dir.resolve("home").toString()).with("PATH", bin.toString());
    }

    /** A {@code codex} that records its argv and CODEX_HOME, then runs {@code then} and exits with {@code status}. */
    private void codex(String then, int status) throws IOException {
        Path codex = bin.resolve("codex");
        Files.writeString(codex, "#!/bin/sh\n"
                + "printf '%s\\n' \"$*\" \"${CODEX_HOME:-unset}\" > '" + record + "'\n"
                + then + "\n"
                + "exit " + status + "\n");
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwx------"));
    }

    private void codexWritingTheLogin() throws IOException {
        codex("cat '" + loginFile + "' > \"$CODEX_HOME/auth.json\"", 0);
    }

    @Test
    void shouldRunCodexLoginThenImportWhatItWrote() throws Exception {
        codexWritingTheLogin();
        Path target = dir.resolve("new-codex-home/auth.json");

        Ctl.Result r = ctl.run("llm", "auth", "login", "--codex-auth", target.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(record)).containsExactly("login", target.getParent().toString());
        assertThat(mode(target.getParent())).isEqualTo("rwx------");
        assertThat(r.err()).contains("Starting `codex login`: it writes " + target + ", which is then imported into " + sink,
                "Created " + target.getParent() + " for Codex");
        assertThat(r.out()).contains("Imported from codex:" + target, PROFILE_A + " (oauth, expires " + FIXTURE_EXP,
                "Warning: the refresh token of " + PROFILE_A + " now belongs to Carapulse");
        assertThat(mode(sink)).isEqualTo("rw-------");
        assertNoSecrets(r);
    }

    @Test
    void shouldPassDeviceAuthAndTheCodexHomeItWasGiven() throws Exception {
        codexWritingTheLogin();
        Path codexHome = Files.createDirectories(dir.resolve("codex-home"));

        Ctl.Result r = ctl.with("CODEX_HOME", codexHome.toString()).run("llm", "auth", "login", "--device-auth", "-o",
                "json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(record)).containsExactly("login --device-auth", codexHome.toString());
        assertThat(r.json().at("/imported/0/id").asText()).isEqualTo(PROFILE_A);
        assertThat(r.json().get("source").asText()).isEqualTo("codex:" + codexHome.resolve("auth.json"));
        assertNoSecrets(r);
    }

    @Test
    void shouldExplainTheKeyringWhenCodexWritesNoAuthJson() throws Exception {
        codex(":", 0);

        Ctl.Result r = ctl.run("llm", "auth", "login");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.ERROR.code());
        assertThat(Files.readAllLines(record).get(0)).isEqualTo("login");
        assertThat(r.err()).contains("error: llm_auth_import_failed: `codex login` succeeded but wrote no "
                        + ctl.userHome().resolve(".codex/auth.json"),
                "OS keyring", "cli_auth_credentials_store = \"file\" in ~/.codex/config.toml",
                "run `assistantctl llm auth login` again");
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldNotImportAnOldLoginThatCodexDidNotRewrite() throws Exception {
        Path codexHome = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex-home"));
        codex(":", 0);

        Ctl.Result r = ctl.with("CODEX_HOME", codexHome.toString()).run("llm", "auth", "login");

        assertThat(r.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(r.err()).contains("did not rewrite " + codexHome.resolve("auth.json"), "keyring");
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldReportAFailedOrMissingCodexAndImportNothing() throws Exception {
        codex("echo 'login cancelled' >&2", 1);
        Ctl.Result failed = ctl.run("llm", "auth", "login", "--codex-auth", dir.resolve("c/auth.json").toString());
        assertThat(failed.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(failed.err()).contains("error: llm_auth_import_failed: `codex login` exited with status 1; nothing "
                + "was imported");

        Ctl.Result missing = ctl.with("PATH", dir.resolve("empty").toString()).run("llm", "auth", "login");
        assertThat(missing.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(missing.err()).contains("codex is not on PATH: install the Codex CLI");
        assertThat(sink).doesNotExist();
        assertThat(List.of(failed, missing)).allSatisfy(AuthFixtures::assertNoSecrets);
    }
}
