package io.carapulse.cli.command.llm;

import static io.carapulse.cli.command.llm.AuthFixtures.ACCOUNT_A;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm auth list|status|use|remove}, and where the profile file is. */
class LlmAuthProfilesCliTest {

    @TempDir
    Path dir;

    private Path sink;
    private Ctl ctl;
    private final List<Ctl.Result> printed = new ArrayList<>();

    @BeforeEach
    void user() {
        sink = dir.resolve("home/auth-profiles.json");
        ctl = Ctl.fresh().with("CARAPULSE_HOME", dir.resolve("home").toString());
    }

    @AfterEach
    void noTokenWasEverPrinted() {
        printed.forEach(AuthFixtures::assertNoSecrets);
    }

    private Ctl.Result run(Ctl as, String... args) {
        Ctl.Result r = as.run(args);
        printed.add(r);
        return r;
    }

    /** Codex's login (account A, last refreshed 2026-08-20: due for a refresh), then OpenClaw's (account B). */
    private void importBoth() throws Exception {
        Path codex = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex")).resolve("auth.json");
        Path claw = AuthFixtures.copy("openclaw-state", dir.resolve("openclaw"))
                .resolve("agents/main/agent/auth-profiles.json");
        assertThat(run(ctl, "llm", "auth", "import", "--codex-auth", codex.toString()).code()).isZero();
        assertThat(run(ctl, "llm", "auth", "import", "--openclaw-auth", claw.toString()).code()).isZero();
    }

    @Test
    void shouldListProfilesWithTheDefaultMarkedAndNoTokens() throws Exception {
        importBoth();

        Ctl.Result table = run(ctl, "llm", "auth", "list");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out()).containsPattern("(?m)^DEFAULT\\s+ID\\s+TYPE\\s+EXPIRES\\s+LAST REFRESH\\s+SOURCE$")
                .containsPattern("(?m)^\\*\\s+" + PROFILE_A + "\\s+oauth\\s+" + FIXTURE_EXP + "\\s+2026-08-20T09:15:02.123456Z\\s+codex:")
                .containsPattern("(?m)^-\\s+" + PROFILE_B + "\\s+oauth\\s+" + FIXTURE_EXP + "\\s+-\\s+openclaw:");

        JsonNode json = run(ctl, "llm", "auth", "list", "-o", "json").json();
        assertThat(json).hasSize(2);
        assertThat(json.findValuesAsText("id")).containsExactly(PROFILE_A, PROFILE_B);
        assertThat(json.get(0).get("isDefault").asBoolean()).isTrue();
        assertThat(json.get(1).get("isDefault").asBoolean()).isFalse();
        assertThat(json.get(0).get("type").asText()).isEqualTo("oauth");
        assertThat(json.get(0).get("accountId").asText()).isEqualTo(ACCOUNT_A);
        assertThat(json.get(0).fieldNames()).toIterable().containsExactly("id", "provider", "type", "accountId",
                "expiresAt", "source", "lastRefresh", "importedAt", "isDefault");
        assertThat(run(ctl, "llm", "auth", "list", "-o", "yaml").out()).contains(PROFILE_A)
                .contains("isDefault: true");
    }

    @Test
    void shouldSayWhatTheProviderWouldUseAndSwitchAndRemoveProfiles() throws Exception {
        importBoth();

        Ctl.Result due = run(ctl, "llm", "auth", "status");
        assertThat(due.code()).as(due.toString()).isZero();
        assertThat(due.out()).contains("State:        REFRESH_DUE", "Credential:   profile:" + PROFILE_A,
                "Selected by:  the provider's default", "Expires:      " + FIXTURE_EXP, "File:         " + sink,
                "minted over 8 days ago; refreshed on next use");

        Ctl.Result use = run(ctl, "llm", "auth", "use", PROFILE_B);
        assertThat(use.code()).as(use.toString()).isZero();
        assertThat(use.out()).isEqualTo(PROFILE_B + " is now the default openai-codex profile in " + sink + "\n");
        JsonNode status = run(ctl, "llm", "auth", "status", "-o", "json").json();
        assertThat(status.get("state").asText()).isEqualTo("VALID");
        assertThat(status.get("credential").asText()).isEqualTo("profile:" + PROFILE_B);
        assertThat(status.get("selectedBy").asText()).isEqualTo("the provider's default");
        assertThat(status.get("expiresAt").asText()).isEqualTo(FIXTURE_EXP);
        assertThat(status.get("file").asText()).isEqualTo(sink.toString());
        assertThat(status.at("/profile/isDefault").asBoolean()).isTrue();
        assertThat(mode(sink)).isEqualTo("rw-------");

        Ctl.Result pinned = run(ctl.with("CARAPULSE_AUTH_PROFILE", PROFILE_A), "llm", "auth", "use", PROFILE_B);
        assertThat(pinned.err()).contains("CARAPULSE_AUTH_PROFILE=" + PROFILE_A + " is set here and comes first");

        Ctl.Result removed = run(ctl, "llm", "auth", "remove", PROFILE_B);
        assertThat(removed.code()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("Removed " + PROFILE_B + " from " + sink, "not revoked");
        JsonNode after = run(ctl, "llm", "auth", "status", "-o", "json").json();
        assertThat(after.get("credential").asText()).isEqualTo("profile:" + PROFILE_A);
        assertThat(after.get("selectedBy").asText()).isEqualTo("the only profile of the provider");
        assertThat(run(ctl, "llm", "auth", "list", "-o", "json").json()).hasSize(1);
        assertThat(Files.readString(sink)).doesNotContain("rt_FAKE_openclaw_0003");
    }

    @Test
    void shouldAnswerNotFoundForAProfileThatIsNotThere() throws Exception {
        importBoth();

        Ctl.Result use = run(ctl, "llm", "auth", "use", "openai-codex:nobody");
        Ctl.Result remove = run(ctl, "llm", "auth", "remove", "openai-codex:nobody");

        assertThat(use.code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(use.err()).isEqualTo("error: llm_not_configured: no auth profile openai-codex:nobody in " + sink
                + " (profiles: " + PROFILE_A + ", " + PROFILE_B + ")\n");
        assertThat(remove.code()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void shouldSayWhatToDoWhenThereIsNothingAndExit12() {
        Ctl.Result status = run(ctl, "llm", "auth", "status");
        assertThat(status.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(status.out()).contains("State:        NOT_CONFIGURED", "Credential:   -",
                "Sign in with `assistantctl llm auth login`");

        Ctl.Result list = run(ctl, "llm", "auth", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).contains("No auth profiles in " + sink);
        assertThat(run(ctl, "llm", "auth", "list", "-o", "json").json()).isEmpty();
        assertThat(sink).doesNotExist();
    }

    @Test
    void shouldSayAnExpiredTokenWithoutRefreshTokenNeedsANewLogin() {
        String expired = AuthFixtures.jwt(ACCOUNT_A, Instant.now().minus(Duration.ofHours(1)));
        assertThat(run(ctl.withStdin(expired), "llm", "auth", "import", "--access-token", "-").code()).isZero();

        Ctl.Result status = run(ctl, "llm", "auth", "status", "-o", "json");

        assertThat(status.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(status.json().get("state").asText()).isEqualTo("EXPIRED");
        assertThat(status.json().get("detail").asText()).contains("holds no refresh token");
        assertNoSecrets(status, expired);
    }

    @Test
    void shouldReportACorruptFileByItsPlaceNeverItsContent() throws Exception {
        Files.createDirectories(sink.getParent());
        Files.writeString(sink, "{\"version\": 1, \"profiles\": {\"x\": \"eyJsecret\"");

        Ctl.Result list = run(ctl, "llm", "auth", "list");

        assertThat(list.code()).isEqualTo(ExitCode.ERROR.code());
        assertThat(list.err()).startsWith("error: llm_not_configured: the auth profile file " + sink + " is corrupt");
    }

    @Test
    void shouldKeepTheProfilesWhereTheServerLooksForThem() throws Exception {
        Path codex = AuthFixtures.copy("codex-chatgpt", dir.resolve("codex")).resolve("auth.json");
        Ctl plain = Ctl.fresh();

        Ctl.Result byDefault = run(plain, "llm", "auth", "import", "--codex-auth", codex.toString(), "-v");
        Path defaultSink = plain.userHome().resolve(".carapulse/auth-profiles.json");
        assertThat(byDefault.err()).contains("using auth profiles " + defaultSink + " (from default)");
        assertThat(defaultSink).exists();

        Ctl.Result byHome = run(ctl, "llm", "auth", "list", "-v");
        assertThat(byHome.err()).contains("using auth profiles " + sink + " (from CARAPULSE_HOME)");

        Ctl.Result byPath = run(plain.with("CARAPULSE_HOME", dir.toString())
                .with("CARAPULSE_AUTH_PATH", "~/elsewhere/profiles.json"), "llm", "auth", "import", "--codex-auth",
                codex.toString(), "-v");
        Path explicit = plain.userHome().resolve("elsewhere/profiles.json");
        assertThat(byPath.err()).contains("using auth profiles " + explicit + " (from CARAPULSE_AUTH_PATH)");
        assertThat(mode(explicit)).isEqualTo("rw-------");
        assertThat(dir.resolve("auth-profiles.json")).doesNotExist();
    }

    @Test
    void shouldListTheOperationsInHelpAndCompletion() {
        Ctl.Result help = run(ctl, "llm", "auth", "--help");
        assertThat(help.code()).isZero();
        for (String op : List.of("login", "import", "status", "list", "use", "remove")) {
            assertThat(help.out()).containsPattern("(?m)^  " + op + "\\b");
        }
        assertThat(run(ctl, "llm", "auth", "import", "--help").out()).contains("--codex-auth", "--openclaw-auth",
                "--access-token", "file:PATH", "env:VAR");
        assertThat(run(ctl, "--help").out()).containsPattern("(?m)^  llm\\b");
        assertThat(run(ctl, "completion", "bash").out()).contains("openclaw-auth", "device-auth");
    }
}
