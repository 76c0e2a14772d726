package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.Fixtures.CLOCK;
import static io.carapulse.llm.auth.Fixtures.FIXTURE_EXP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManualTokenImporterTest {

    @TempDir
    Path dir;

    private final String access = TestTokens.access(TestTokens.ACCOUNT, FIXTURE_EXP);

    private ProfileStore store() {
        return new ProfileStore(dir.resolve("auth-profiles.json"));
    }

    private ManualTokenImporter importer() {
        return new ManualTokenImporter(store(), CLOCK);
    }

    @Test
    void shouldImportAnAccessAndRefreshTokenWithTheAccountFromTheClaim() {
        String refresh = TestTokens.refresh();

        ImportResult result = importer().importTokens(access, refresh, null);

        AuthProfile profile = store().read().get("openai-codex:" + TestTokens.ACCOUNT).orElseThrow();
        assertThat(profile.type()).isEqualTo(ProfileType.OAUTH);
        assertThat(profile.refreshToken()).isEqualTo(refresh);
        assertThat(profile.expiresAt()).isEqualTo(FIXTURE_EXP);
        assertThat(profile.source()).isEqualTo("manual");
        assertThat(result.warnings()).singleElement().asString().contains("now belongs to Carapulse");
        Fixtures.assertNoSecrets(result.lines());
    }

    @Test
    void shouldImportAnAccessTokenAloneAsATokenProfileThatCannotRefresh() {
        ImportResult result = importer().importTokens(access, " ", TestTokens.ACCOUNT);

        assertThat(store().read().get("openai-codex:" + TestTokens.ACCOUNT).orElseThrow().type()).isEqualTo(ProfileType.TOKEN);
        assertThat(result.warnings()).singleElement().asString().contains("no refresh token given")
                .contains("works until " + FIXTURE_EXP);
    }

    @Test
    void shouldRefuseAnAccountThatContradictsTheToken() {
        assertThatThrownBy(() -> importer().importTokens(access, null, TestTokens.OTHER_ACCOUNT))
                .isInstanceOf(AuthImportException.class)
                .hasMessageContaining("is not the one in the access token");
    }

    @Test
    void shouldRefuseAMalformedAccessTokenWithoutQuotingIt() {
        assertThatThrownBy(() -> importer().importTokens("sk-FAKE-not-a-jwt", null, TestTokens.ACCOUNT))
                .isInstanceOf(AuthImportException.class)
                .hasMessage("the access token is not a JWT (expected three dot-separated parts, found 1)");
        assertThatThrownBy(() -> importer().importTokens(TestTokens.access(null, FIXTURE_EXP), null, null))
                .hasMessageContaining("give the account id as well");
        assertThat(store().path()).doesNotExist();
    }
}
