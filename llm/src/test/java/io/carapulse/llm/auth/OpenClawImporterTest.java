package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.Fixtures.ACCOUNT_A;
import static io.carapulse.llm.auth.Fixtures.ACCOUNT_B;
import static io.carapulse.llm.auth.Fixtures.CLOCK;
import static io.carapulse.llm.auth.Fixtures.FIXTURE_EXP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClawImporterTest {

    @TempDir
    Path home;

    private ProfileStore store() {
        return new ProfileStore(home.resolve(".carapulse/auth-profiles.json"));
    }

    private OpenClawImporter importer(Map<String, String> env) {
        return new OpenClawImporter(store(), AuthEnv.of(env, home), CLOCK);
    }

    @Test
    void shouldImportAPerAgentProfileReadingExpiresAsMilliseconds() throws Exception {
        Path state = Fixtures.copy("openclaw-state", home.resolve("claw-state"));
        Path file = state.resolve("agents/main/agent/auth-profiles.json");

        ImportResult result = importer(Map.of("OPENCLAW_STATE_DIR", state.toString())).importDefault();

        String id = "openai-codex:" + ACCOUNT_B;
        AuthProfile profile = store().read().get(id).orElseThrow();
        // the access token carries no exp: the expiry is OpenClaw's 1900000000000 ms, i.e. 2030, not the year 62000
        assertThat(profile.expiresAt()).isEqualTo(FIXTURE_EXP);
        assertThat(profile.type()).isEqualTo(ProfileType.OAUTH);
        assertThat(profile.refreshToken()).isEqualTo("rt_FAKE_openclaw_0003");
        assertThat(profile.accountId()).isEqualTo(ACCOUNT_B);
        assertThat(profile.source()).isEqualTo("openclaw:" + file);
        assertThat(store().read().defaultFor("openai-codex")).contains(id);
        assertThat(store().read().profiles()).containsOnlyKeys(id);

        assertThat(result.source()).isEqualTo("openclaw:" + file);
        assertThat(result.skipped()).hasSize(3)
                .anySatisfy(s -> assertThat(s).startsWith("openai-codex:work: its token is a secret reference (tokenRef)"))
                .anySatisfy(s -> assertThat(s).startsWith("anthropic:default: provider anthropic is not one Carapulse"))
                .anySatisfy(s -> assertThat(s).startsWith("openai:default: an API key; Carapulse does not copy API keys"));
        assertThat(result.warnings()).singleElement().asString().contains("now belongs to Carapulse").contains("OpenClaw");
        Fixtures.assertNoSecrets(result.lines());
    }

    @Test
    void shouldFindTheLegacySingleAgentFileUnderTildeDotOpenClaw() throws Exception {
        Fixtures.copy("openclaw-legacy", home.resolve(".openclaw"));

        ImportResult result = importer(Map.of()).importDefault();

        AuthProfile profile = store().read().get("openai-codex:" + ACCOUNT_A).orElseThrow();
        assertThat(profile.type()).isEqualTo(ProfileType.TOKEN);
        assertThat(profile.refreshToken()).isNull();
        assertThat(profile.expiresAt()).isEqualTo(FIXTURE_EXP);
        assertThat(result.warnings()).noneSatisfy(w -> assertThat(w).contains("now belongs to Carapulse"));
    }

    @Test
    void shouldSayClearlyThatOpenClawMovedItsProfilesIntoSqlite() throws Exception {
        Path state = Fixtures.copy("openclaw-archived", home.resolve(".openclaw"));
        Path archive = state.resolve("agents/main/agent/auth-profiles.json.sqlite-import.20260701T100000Z.bak");

        assertThatThrownBy(() -> importer(Map.of()).importDefault())
                .isInstanceOf(AuthImportException.class)
                .hasMessageStartingWith("OpenClaw moved its auth profiles into SQLite and archived the JSON file as " + archive)
                .hasMessageContaining("assistantctl llm auth login");
        assertThatThrownBy(() -> importer(Map.of()).importFrom(state.resolve("agents/main/agent/auth-profiles.json")))
                .hasMessageStartingWith("OpenClaw moved its auth profiles into SQLite");
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void shouldSayWhereItLookedWhenThereIsNothing() {
        assertThatThrownBy(() -> importer(Map.of()).importDefault())
                .isInstanceOf(AuthImportException.class)
                .hasMessageStartingWith("no OpenClaw auth profiles under " + home.resolve(".openclaw"))
                .hasMessageContaining("OPENCLAW_STATE_DIR");
        assertThatThrownBy(() -> importer(Map.of()).importFrom(home.resolve("x/auth-profiles.json")))
                .hasMessage("no OpenClaw auth profiles at " + home.resolve("x/auth-profiles.json"));
    }

    @Test
    void shouldListTheFilesWhenSeveralAgentsHaveProfiles() throws Exception {
        Path state = Fixtures.copy("openclaw-state", home.resolve(".openclaw"));
        Path second = state.resolve("agents/ops/agent/auth-profiles.json");
        Files.createDirectories(second.getParent());
        Files.copy(state.resolve("agents/main/agent/auth-profiles.json"), second);

        assertThat(importer(Map.of()).discover()).hasSize(2);
        assertThatThrownBy(() -> importer(Map.of()).importDefault())
                .hasMessageContaining("2 OpenClaw profile files under")
                .hasMessageContaining(second.toString())
                .hasMessageContaining("--openclaw-auth <path>");
    }

    @Test
    void shouldFollowOpenClawsOrderForTheDefault() throws Exception {
        String a = TestTokens.access(ACCOUNT_A, FIXTURE_EXP);
        String b = TestTokens.access(ACCOUNT_B, FIXTURE_EXP);
        Path file = home.resolve("auth-profiles.json");
        Files.writeString(file, "{\"version\":1,\"profiles\":{"
                + "\"openai-codex:a\":{\"type\":\"oauth\",\"provider\":\"openai-codex\",\"access\":\"" + a + "\",\"refresh\":\"rt_FAKE_a\",\"expires\":1900000000000},"
                + "\"openai-codex:b\":{\"type\":\"oauth\",\"provider\":\"openai-codex\",\"access\":\"" + b + "\",\"refresh\":\"rt_FAKE_b\",\"expires\":1900000000000}},"
                + "\"order\":{\"openai-codex\":[\"openai-codex:b\",\"openai-codex:a\"]}}");

        ImportResult result = importer(Map.of()).importFrom(file);

        assertThat(result.imported()).hasSize(2);
        assertThat(store().read().defaultFor("openai-codex")).contains("openai-codex:" + ACCOUNT_B);
    }
}
