package io.carapulse.cli.command.llm;

import static io.carapulse.cli.command.llm.AuthFixtures.ACCOUNT_A;
import static io.carapulse.cli.command.llm.AuthFixtures.ACCOUNT_B;
import static io.carapulse.cli.command.llm.AuthFixtures.FIXTURE_EXP;
import static io.carapulse.cli.command.llm.AuthFixtures.PROFILE_A;
import static io.carapulse.cli.command.llm.AuthFixtures.PROFILE_B;
import static io.carapulse.cli.command.llm.AuthFixtures.assertNoSecrets;
import static io.carapulse.cli.command.llm.AuthFixtures.mode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.support.Ctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm auth import} on the real formats, through the CLI, into a token sink under a temporary home. */
class LlmAuthImportCliTest {

    @TempDir
    Path dir;

    private Path home;
    private Path sink;
    private Ctl ctl;

    @BeforeEach
    void user() {
        home = dir.resolve("carapulse-home");
        sink = home.resolve("auth-profiles.json");
        ctl = Ctl.fresh().with("CARAPULSE_HOME", home.toString());
    }

    @Test
    void shouldImportANestedCodexLoginIntoAnOwnerOnlyFileAndSayTheRefreshTokenIsCarapulsesNow() throws Exception {
        Path codex = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex")).resolve("auth.json");

        Ctl.Result r = ctl.run("llm", "auth", "import", "--codex-auth", codex.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Imported from codex:" + codex + " into " + sink + ":",
                PROFILE_A + " (oauth, expires " + FIXTURE_EXP + ", default)",
                "Warning: the refresh token of " + PROFILE_A + " now belongs to Carapulse",
                "sign it in again (`codex login`)");
        assertThat(mode(sink)).isEqualTo("rw-------");
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(Files.readString(sink)).contains("rt_FAKE_codex_chatgpt_0001");
        assertNoSecrets(r);
    }

    @Test
    void shouldTakeTheDirectoryOfALoginAndExpandATildeAsTheShellWouldNot() throws Exception {
        AuthFixtures.copy("codex-chatgpt", ctl.userHome().resolve("backup/codex"));

        Ctl.Result r = ctl.run("llm", "auth", "import", "--codex-auth=~/backup/codex", "-o", "json");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("source").asText()).isEqualTo("codex:" + ctl.userHome().resolve("backup/codex/auth.json"));
        assertThat(json.get("file").asText()).isEqualTo(sink.toString());
        assertThat(json.at("/imported/0/id").asText()).isEqualTo(PROFILE_A);
        assertThat(json.at("/imported/0/type").asText()).isEqualTo("oauth");
        assertThat(json.at("/imported/0/expiresAt").asText()).isEqualTo(FIXTURE_EXP);
        assertThat(json.at("/imported/0/isDefault").asBoolean()).isTrue();
        assertThat(json.at("/warnings/0").asText()).contains("now belongs to Carapulse");
        assertThat(r.err()).contains("Warning: the refresh token of " + PROFILE_A + " now belongs to Carapulse");
        assertNoSecrets(r);
    }

    @Test
    void shouldRefuseACodexApiKeyLoginWithoutRepeatingTheKey() throws Exception {
        Path codex = AuthFixtures.copy("codex-apikey", dir.resolve("codex")).resolve("auth.json");

        Ctl.Result r = ctl.run("llm", "auth", "import", "--codex-auth", codex.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.ERROR.code());
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: llm_auth_import_failed: " + codex + " is an API-key login")
                .contains("OPENAI_API_KEY").hasLineCount(1);
        assertThat(sink).doesNotExist();
        assertNoSecrets(r);
    }

    @Test
    void shouldImportOpenClawPerAgentProfilesReadingExpiresAsMillisecondsAndSayWhatItSkipped() throws Exception {
        Path state = AuthFixtures.copy("openclaw-state", dir.resolve("openclaw"));
        Path file = state.resolve("agents/main/agent/auth-profiles.json");

        Ctl.Result r = ctl.run("llm", "auth", "import", "--openclaw-auth", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        // 1900000000000 read as milliseconds; as seconds it would be the year 62000
        assertThat(r.out()).contains("Imported from openclaw:" + file, PROFILE_B + " (oauth, expires " + FIXTURE_EXP
                        + ", default)",
                "Skipped openai-codex:work: its token is a secret reference (tokenRef)",
                "Skipped anthropic:default: provider anthropic",
                "Skipped openai:default: an API key",
                "Warning: the refresh token of " + PROFILE_B + " now belongs to Carapulse",
                "`openclaw models auth login --provider openai-codex`");
        assertThat(mode(sink)).isEqualTo("rw-------");
        assertNoSecrets(r);
    }

    @Test
    void shouldFindTheOneSourceThereIsAndSayWhichItTook() throws Exception {
        Path state = AuthFixtures.copy("openclaw-state", dir.resolve("openclaw"));
        Ctl clawUser = ctl.with("OPENCLAW_STATE_DIR", state.toString());

        Ctl.Result claw = clawUser.run("llm", "auth", "import");

        assertThat(claw.code()).as(claw.toString()).isZero();
        assertThat(claw.err()).contains("No source given: importing OpenClaw's "
                + state.resolve("agents/main/agent/auth-profiles.json") + " (no Codex login at "
                + ctl.userHome().resolve(".codex/auth.json") + ")");
        assertThat(claw.out()).contains(PROFILE_B);

        Path codexHome = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex-home"));
        Ctl.Result codex = ctl.with("CODEX_HOME", codexHome.toString()).run("llm", "auth", "import");
        assertThat(codex.code()).as(codex.toString()).isZero();
        assertThat(codex.err()).contains("No source given: importing the Codex CLI login " + codexHome.resolve("auth.json"));
        assertThat(codex.out()).contains(PROFILE_A + " (oauth, expires " + FIXTURE_EXP + ")")
                .contains("the default openai-codex profile stays " + PROFILE_B);
        assertNoSecrets(claw);
        assertNoSecrets(codex);
    }

    @Test
    void shouldAskWhichToImportWhenItFindsBothACodexLoginAndOpenClawProfiles() throws Exception {
        Path state = AuthFixtures.copy("openclaw-state", dir.resolve("openclaw"));
        AuthFixtures.copy("codex-chatgpt", ctl.userHome().resolve(".codex"));

        Ctl.Result r = ctl.with("OPENCLAW_STATE_DIR", state.toString()).run("llm", "auth", "import");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("found a Codex login (" + ctl.userHome().resolve(".codex/auth.json") + ")",
                "--codex-auth", "--openclaw-auth " + state.resolve("agents/main/agent/auth-profiles.json"));
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldSayOpenClawMovedToSqliteWhenOnlyAnArchiveIsLeft() throws Exception {
        Path state = AuthFixtures.copy("openclaw-archived", dir.resolve("openclaw"));
        Path file = state.resolve("agents/main/agent/auth-profiles.json");

        Ctl.Result named = ctl.run("llm", "auth", "import", "--openclaw-auth", file.toString());
        Ctl.Result found = ctl.with("OPENCLAW_STATE_DIR", state.toString()).run("llm", "auth", "import");

        assertThat(named.code()).as(named.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(named.err()).startsWith("error: llm_auth_import_failed: OpenClaw moved its auth profiles into SQLite")
                .contains(".sqlite-import.20260701T100000Z.bak", "assistantctl llm auth login");
        assertThat(found.code()).as(found.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(found.err()).startsWith("error: llm_auth_import_failed: nothing to import: no Codex login at "
                + ctl.userHome().resolve(".codex/auth.json")).contains("OpenClaw moved its auth profiles into SQLite");
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldReportAMissingFileAsNotFound() {
        Path missing = dir.resolve("nowhere/auth.json");

        Ctl.Result codex = ctl.run("llm", "auth", "import", "--codex-auth", missing.toString());
        Ctl.Result claw = ctl.run("llm", "auth", "import", "--openclaw-auth", missing.toString());
        Ctl.Result nothing = ctl.run("llm", "auth", "import");

        assertThat(codex.code()).as(codex.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(codex.err()).startsWith("error: llm_auth_import_failed: no Codex login at " + missing)
                .contains("cli_auth_credentials_store = \"file\"").hasLineCount(1);
        assertThat(claw.code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(claw.err()).contains("no OpenClaw auth profiles at " + missing);
        assertThat(nothing.code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(nothing.err()).contains("nothing to import", "no OpenClaw auth profiles under "
                + ctl.userHome().resolve(".openclaw"));
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldImportTokensGivenByHandFromStdinAFileOrAVariableNeverFromTheCommandLine() throws Exception {
        String access = AuthFixtures.jwt(ACCOUNT_A, Instant.now().plus(Duration.ofDays(10)));
        String refresh = "rt_MANUAL_" + System.nanoTime();

        Ctl.Result stdin = ctl.withStdin(access + "\n" + refresh + "\n")
                .run("llm", "auth", "import", "--access-token", "-", "--refresh-token", "-");
        assertThat(stdin.code()).as(stdin.toString()).isZero();
        assertThat(stdin.out()).contains("Imported from manual", PROFILE_A + " (oauth,",
                "Warning: the refresh token of " + PROFILE_A + " now belongs to Carapulse");
        assertNoSecrets(stdin, access, refresh);

        String other = AuthFixtures.jwt(ACCOUNT_B, Instant.now().plus(Duration.ofDays(1)));
        Path tokenFile = Files.writeString(dir.resolve("token"), other + "\n");
        Ctl.Result file = ctl.run("llm", "auth", "import", "--access-token", "file:" + tokenFile, "--account", ACCOUNT_B);
        assertThat(file.code()).as(file.toString()).isZero();
        assertThat(file.out()).contains(PROFILE_B + " (token,").contains("no refresh token given");
        assertNoSecrets(file, other);

        Ctl.Result env = ctl.with("MY_TOKEN", other).run("llm", "auth", "import", "--access-token", "env:MY_TOKEN",
                "-o", "json");
        assertThat(env.code()).as(env.toString()).isZero();
        assertThat(env.json().at("/imported/0/replaced").asBoolean()).isTrue();
        assertNoSecrets(env, other);

        Ctl.Result pasted = ctl.run("llm", "auth", "import", "--access-token", access);
        assertThat(pasted.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(pasted.err()).contains("never the token itself", "ps");
        assertNoSecrets(pasted, access);

        Ctl.Result wrongAccount = ctl.withStdin(access).run("llm", "auth", "import", "--access-token", "-", "--account",
                ACCOUNT_B);
        assertThat(wrongAccount.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(wrongAccount.err()).contains("is not the one in the access token");
        assertNoSecrets(wrongAccount, access);

        Ctl.Result notJwt = ctl.withStdin("not-a-token\n").run("llm", "auth", "import", "--access-token", "-");
        assertThat(notJwt.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(notJwt.err()).contains("the access token is not a JWT").doesNotContain("not-a-token");
        assertThat(mode(sink)).isEqualTo("rw-------");
    }

    @Test
    void shouldRefuseAmbiguousOrIncompleteCommandLines() throws Exception {
        Path json = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex")).resolve("auth.json");

        assertThat(ctl.run("llm", "auth", "import", "--codex-auth", "a", "--openclaw-auth", "b").err())
                .contains("give one source");
        assertThat(ctl.run("llm", "auth", "import", "--refresh-token", "-").err())
                .contains("--refresh-token and --account go with --access-token");
        Ctl.Result wrongFile = ctl.run("llm", "auth", "import", "--access-token", "file:" + json);
        assertThat(wrongFile.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(wrongFile.err()).contains("holds JSON, not a token", "--codex-auth " + json);
        assertNoSecrets(wrongFile);
        Ctl.Result empty = ctl.withStdin("").run("llm", "auth", "import", "--access-token", "-");
        assertThat(empty.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(empty.err()).contains("stdin has no token");
        assertThat(ctl.run("llm", "auth", "import", "--access-token", "env:UNSET_HERE").err())
                .contains("env:UNSET_HERE: the variable is not set");
        assertThat(sink).doesNotExist();
    }
}
