package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.Fixtures.ACCOUNT_A;
import static io.carapulse.llm.auth.Fixtures.CLOCK;
import static io.carapulse.llm.auth.Fixtures.FIXTURE_EXP;
import static io.carapulse.llm.auth.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexAuthImporterTest {

    @TempDir
    Path home;

    private final String codexId = "openai-codex:" + ACCOUNT_A;

    private ProfileStore store() {
        return new ProfileStore(home.resolve(".carapulse/auth-profiles.json"));
    }

    private CodexAuthImporter importer(Map<String, String> env) {
        return new CodexAuthImporter(store(), AuthEnv.of(env, home), CLOCK);
    }

    @Test
    void shouldImportTheNestedTokensOfAChatGptLoginFromCodexHome() throws Exception {
        Path codexHome = Fixtures.copy("codex-chatgpt", home.resolve("codex-home"));

        ImportResult result = importer(Map.of("CODEX_HOME", codexHome.toString())).importDefault();

        AuthProfile profile = store().read().get(codexId).orElseThrow();
        assertThat(profile.provider()).isEqualTo("openai-codex");
        assertThat(profile.type()).isEqualTo(ProfileType.OAUTH);
        assertThat(profile.accountId()).isEqualTo(ACCOUNT_A);
        assertThat(profile.accessToken()).startsWith("eyJ");
        assertThat(profile.refreshToken()).isEqualTo("rt_FAKE_codex_chatgpt_0001");
        assertThat(profile.idToken()).startsWith("eyJ");
        assertThat(profile.expiresAt()).isEqualTo(FIXTURE_EXP);
        assertThat(profile.lastRefresh()).isEqualTo(Instant.parse("2026-08-20T09:15:02.123456Z"));
        assertThat(profile.importedAt()).isEqualTo(NOW);
        assertThat(profile.source()).isEqualTo("codex:" + codexHome.resolve("auth.json"));
        assertThat(store().read().defaultFor("openai-codex")).contains(codexId);
        assertThat(ProfileStoreTest.mode(store().path())).isEqualTo("rw-------");

        assertThat(result.imported()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(codexId);
            assertThat(p.isDefault()).isTrue();
            assertThat(p.replaced()).isFalse();
        });
        assertThat(result.warnings()).singleElement().asString()
                .contains("refresh token of " + codexId + " now belongs to Carapulse")
                .contains("Codex CLI").contains("`codex login`");
        assertThat(String.join("\n", result.lines())).contains(codexId).contains("expires " + FIXTURE_EXP);
        Fixtures.assertNoSecrets(result.lines());
    }

    @Test
    void shouldReadTildeDotCodexByDefault() throws Exception {
        Fixtures.copy("codex-chatgpt", home.resolve(".codex"));

        assertThat(importer(Map.of()).importDefault().imported()).extracting(ImportedProfile::id).containsExactly(codexId);
    }

    @Test
    void shouldTakeTheAccountFromTheJwtClaimWhenTheFileHasNoAccountId() throws Exception {
        Path dir = Fixtures.copy("codex-no-account", home.resolve("old"));

        importer(Map.of()).importFrom(dir.resolve("auth.json"));

        AuthProfile profile = store().read().get(codexId).orElseThrow();
        assertThat(profile.accountId()).isEqualTo(ACCOUNT_A);
        assertThat(profile.expiresAt()).isEqualTo(FIXTURE_EXP);
    }

    @Test
    void shouldTakeTheAccountFromTheAccessTokenWhenThereIsNoIdToken() throws Exception {
        Path file = home.resolve("auth.json");
        Files.writeString(file, "{\"tokens\":{\"access_token\":\"" + TestTokens.access(ACCOUNT_A, FIXTURE_EXP)
                + "\",\"refresh_token\":\"rt_FAKE_x\"}}");

        importer(Map.of()).importFrom(file);

        assertThat(store().read().get(codexId)).isPresent();
    }

    @Test
    void shouldRecogniseAnApiKeyLoginAndExplainWithoutShowingTheKey() throws Exception {
        Path dir = Fixtures.copy("codex-apikey", home.resolve("apikey"));

        assertThatThrownBy(() -> importer(Map.of()).importFrom(dir.resolve("auth.json")))
                .isInstanceOf(AuthImportException.class)
                .hasMessageContaining("is an API-key login (auth_mode apikey)")
                .hasMessageContaining("OPENAI_API_KEY or llm.api-key")
                .hasMessageContaining("`codex login`")
                .satisfies(e -> Fixtures.assertNoSecrets(e.getMessage()));
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void shouldExplainAMissingFileIncludingTheKeyringSetting() {
        assertThatThrownBy(() -> importer(Map.of()).importDefault())
                .isInstanceOf(AuthImportException.class)
                .hasMessageContaining("no Codex login at " + home.resolve(".codex/auth.json"))
                .hasMessageContaining("cli_auth_credentials_store = \"file\" in ~/.codex/config.toml")
                .hasMessageContaining("`codex login`");
    }

    @Test
    void shouldReportABrokenFileByPlaceAndMalformedTokensWithoutQuotingThem() throws Exception {
        Path broken = home.resolve("broken.json");
        Files.writeString(broken, "{\"tokens\": {\"refresh_token\": rt_FAKE_unquoted}}");
        Path notJwt = home.resolve("notjwt.json");
        Files.writeString(notJwt, "{\"tokens\":{\"access_token\":\"sk-not-a-jwt\",\"refresh_token\":\"rt_FAKE_y\"}}");

        assertThatThrownBy(() -> importer(Map.of()).importFrom(broken))
                .hasMessageStartingWith(broken + " is not valid JSON (line 1, column ")
                .satisfies(e -> Fixtures.assertNoSecrets(e.getMessage()));
        assertThatThrownBy(() -> importer(Map.of()).importFrom(notJwt))
                .hasMessageContaining("tokens.access_token in " + notJwt + " is not a JWT")
                .satisfies(e -> Fixtures.assertNoSecrets(e.getMessage()));
    }

    @Test
    void shouldKeepTheNewerCopyWhenAnOldAuthJsonIsImportedAgain() throws Exception {
        Path dir = Fixtures.copy("codex-chatgpt", home.resolve(".codex"));
        importer(Map.of()).importDefault();
        // Carapulse refreshed since: the refresh token in Codex's file is spent
        String rotated = TestTokens.refresh();
        store().update(p -> {
            AuthProfile old = p.get(codexId).orElseThrow();
            return new ProfileStore.Change<>(p.with(old.refreshed(new RefreshedTokens(null, null, rotated), NOW)), null);
        });

        ImportResult again = importer(Map.of()).importFrom(dir.resolve("auth.json"));

        assertThat(again.imported()).isEmpty();
        assertThat(again.skipped()).singleElement().asString().contains("the copy in the token sink is newer")
                .contains("assistantctl llm auth remove " + codexId);
        assertThat(store().read().get(codexId).orElseThrow().refreshToken()).isEqualTo(rotated);
    }

    @Test
    void shouldKeepAnotherDefaultAndSayHowToSwitch() throws Exception {
        AuthProfile other = TestTokens.profile(TestTokens.OTHER_ACCOUNT,
                TestTokens.access(TestTokens.OTHER_ACCOUNT, FIXTURE_EXP), TestTokens.refresh(), NOW);
        store().update(p -> new ProfileStore.Change<>(p.with(other).withDefault(other), null));
        Fixtures.copy("codex-chatgpt", home.resolve(".codex"));

        ImportResult result = importer(Map.of()).importDefault();

        assertThat(store().read().defaultFor("openai-codex")).contains(other.id());
        assertThat(result.imported().get(0).isDefault()).isFalse();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .isEqualTo("the default openai-codex profile stays " + other.id() + "; switch with "
                        + "`assistantctl llm auth use " + codexId + "`"));
    }
}
