package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.TokenEndpoint.error;
import static io.carapulse.llm.auth.TokenEndpoint.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileCredentialSourceTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final TokenEndpoint endpoint = new TokenEndpoint();
    private final String oldAccess = TestTokens.access(TestTokens.ACCOUNT, NOW.minus(Duration.ofHours(1)));
    private final String oldRefresh = TestTokens.refresh();
    private final String idToken = TestTokens.access(TestTokens.ACCOUNT, null);
    private final Instant newExp = NOW.plus(Duration.ofDays(10));
    private final String newAccess = TestTokens.access(TestTokens.ACCOUNT, newExp);
    private final String newRefresh = TestTokens.refresh();

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private ProfileStore store() {
        return new ProfileStore(dir.resolve("auth-profiles.json"));
    }

    private AuthProfile seed(String access, String refresh, Instant lastRefresh) {
        AuthProfile profile = TestTokens.profile(TestTokens.ACCOUNT, access, refresh, lastRefresh);
        AuthProfile withId = new AuthProfile(profile.id(), profile.provider(), profile.type(), profile.accountId(),
                access, refresh, refresh == null ? null : idToken, profile.expiresAt(), "codex:/x/auth.json",
                lastRefresh, profile.importedAt());
        store().update(p -> new ProfileStore.Change<>(p.with(withId), null));
        return withId;
    }

    private ProfileCredentialSource source(OAuthSettings settings) {
        return new ProfileCredentialSource(store(), new ProfileSelector(AuthEnv.of(Map.of(), dir)),
                new TokenRefresher(settings), CLOCK);
    }

    private ProfileCredentialSource source() {
        return source(endpoint.settings());
    }

    private String newTokensJson() {
        return "{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + newAccess + "\",\"refresh_token\":\""
                + newRefresh + "\"}";
    }

    @Test
    void shouldUseAValidTokenWithoutRefreshing() {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        seed(valid, oldRefresh, NOW.minus(Duration.ofDays(1)));

        CodexCredential credential = source().current();

        assertThat(credential.accessToken()).isEqualTo(valid);
        assertThat(credential.accountId()).isEqualTo(TestTokens.ACCOUNT);
        assertThat(credential.source()).isEqualTo("profile:openai-codex:" + TestTokens.ACCOUNT);
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void shouldRefreshAnExpiredTokenAndWriteTheRotationBack() throws Exception {
        seed(oldAccess, oldRefresh, NOW.minus(Duration.ofDays(2)));
        endpoint.onRefresh(oldRefresh, tokens(newTokensJson()));

        CodexCredential credential = source().current();

        assertThat(credential.accessToken()).isEqualTo(newAccess);
        assertThat(credential.expiresAt()).isEqualTo(newExp);
        AuthProfile stored = store().read().get("openai-codex:" + TestTokens.ACCOUNT).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(newAccess);
        assertThat(stored.refreshToken()).isEqualTo(newRefresh);
        assertThat(stored.expiresAt()).isEqualTo(newExp);
        assertThat(stored.lastRefresh()).isEqualTo(NOW);
        assertThat(stored.source()).isEqualTo("codex:/x/auth.json");
        assertThat(ProfileStoreTest.mode(store().path())).isEqualTo("rw-------");
        assertThat(endpoint.refreshCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepEveryFieldTheServerDidNotReturn() {
        AuthProfile before = seed(oldAccess, oldRefresh, NOW.minus(Duration.ofDays(2)));
        endpoint.onRefresh(oldRefresh, tokens("{\"access_token\":\"" + newAccess + "\"}"));

        source().current();

        AuthProfile stored = store().read().get(before.id()).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(newAccess);
        assertThat(stored.refreshToken()).isEqualTo(oldRefresh);
        assertThat(stored.idToken()).isEqualTo(idToken);
        assertThat(stored.accountId()).isEqualTo(TestTokens.ACCOUNT);
        assertThat(stored.importedAt()).isEqualTo(before.importedAt());
    }

    @Test
    void shouldRefreshAValidTokenMintedMoreThanEightDaysAgo() {
        seed(TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5))), oldRefresh,
                NOW.minus(Duration.ofDays(8)).minusSeconds(1));
        endpoint.onRefresh(oldRefresh, tokens(newTokensJson()));

        assertThat(source().current().accessToken()).isEqualTo(newAccess);
        assertThat(endpoint.refreshCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepUsingAStillValidTokenWhenAnAgeRefreshFailsTransiently() {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        seed(valid, oldRefresh, NOW.minus(Duration.ofDays(9)));
        endpoint.onRefresh(oldRefresh, error(503, "{}"));

        assertThat(source().current().accessToken()).isEqualTo(valid);
        assertThat(store().read().get("openai-codex:" + TestTokens.ACCOUNT).orElseThrow().refreshToken())
                .isEqualTo(oldRefresh);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "401|{\"error\":\"invalid_token\"}",
            "401|",
            "400|{\"error\":{\"code\":\"refresh_token_expired\",\"message\":\"expired\"}}",
            "400|{\"error\":{\"code\":\"refresh_token_reused\"}}",
            "400|{\"error\":\"refresh_token_invalidated\"}",
            "403|{\"code\":\"refresh_token_reused\"}"})
    void shouldEndInAuthExpiredNamingTheLoginCommandWhenTheRefreshTokenIsDead(int status, String body) throws Exception {
        seed(oldAccess, oldRefresh, NOW.minus(Duration.ofDays(2)));
        String before = Files.readString(store().path());
        endpoint.onRefresh(oldRefresh, error(status, body == null ? "" : body + " " + oldRefresh));

        assertThatThrownBy(() -> source().current())
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("`assistantctl llm auth login`")
                .satisfies(e -> assertNoToken(e.getMessage()));
        assertThat(Files.readString(store().path())).isEqualTo(before);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"500", "502", "503", "429"})
    void shouldEndInUnavailableWhenTheTokenEndpointFailsTransiently(int status) {
        seed(oldAccess, oldRefresh, NOW.minus(Duration.ofDays(2)));
        endpoint.onRefresh(oldRefresh, error(status, "{\"error\":\"server_error\",\"echo\":\"" + oldRefresh + "\"}"));

        assertThatThrownBy(() -> source().current())
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("HTTP " + status)
                .satisfies(e -> assertNoToken(e.getMessage()));
    }

    @Test
    void shouldEndInUnavailableOnATimeoutAndOnARefusedConnection() throws Exception {
        seed(oldAccess, oldRefresh, NOW.minus(Duration.ofDays(2)));
        endpoint.onRefresh(oldRefresh, tokens(newTokensJson()).withFixedDelay(5_000));
        OAuthSettings impatient = endpoint.settings().withRequestTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> source(impatient).current())
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("timed out");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OAuthSettings nowhere = endpoint.settings().withTokenUrl(URI.create("http://127.0.0.1:" + closedPort + "/oauth/token"));
        assertThatThrownBy(() -> source(nowhere).current())
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("could not reach")
                .satisfies(e -> assertNoToken(e.getMessage()));
    }

    @Test
    void shouldTakeTheTokenAnotherProcessWroteAfterA401InsteadOfRefreshing() {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        seed(valid, oldRefresh, NOW.minus(Duration.ofDays(1)));
        ProfileCredentialSource source = source();
        CodexCredential rejected = source.current();
        // meanwhile another process refreshed and rotated the token
        seed(newAccess, newRefresh, NOW);

        CodexCredential retry = source.afterUnauthorized(rejected);

        assertThat(retry.accessToken()).isEqualTo(newAccess);
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void shouldRefreshOnceAfterA401WhenTheFileStillHoldsTheRejectedToken() {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        seed(valid, oldRefresh, NOW.minus(Duration.ofDays(1)));
        endpoint.onRefresh(oldRefresh, tokens(newTokensJson()));
        ProfileCredentialSource source = source();

        CodexCredential retry = source.afterUnauthorized(source.current());

        assertThat(retry.accessToken()).isEqualTo(newAccess);
        assertThat(store().read().get("openai-codex:" + TestTokens.ACCOUNT).orElseThrow().refreshToken())
                .isEqualTo(newRefresh);
        assertThat(endpoint.refreshCount()).isEqualTo(1);
    }

    @Test
    void shouldEndInAuthExpiredForAProfileWithoutARefreshToken() {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        seed(valid, null, null);
        ProfileCredentialSource source = source();
        CodexCredential credential = source.current();

        assertThatThrownBy(() -> source.afterUnauthorized(credential))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("holds no refresh token")
                .hasMessageContaining("`assistantctl llm auth login`");

        seed(oldAccess, null, null);
        assertThatThrownBy(source::current)
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("expired at " + NOW.minus(Duration.ofHours(1)));
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void shouldTakeTheAccountFromTheTokenWhenAHandEditedProfileHasNone() throws Exception {
        String valid = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(5)));
        String opaque = TestTokens.access(null, NOW.plus(Duration.ofHours(5)));
        String profile = "{\"version\":1,\"profiles\":{\"openai-codex:me\":{\"provider\":\"openai-codex\","
                + "\"type\":\"token\",\"accessToken\":\"%s\",\"source\":\"manual\",\"importedAt\":\"2026-11-22T00:00:00Z\"}}}";
        Files.writeString(store().path(), profile.formatted(valid));

        assertThat(source().current().accountId()).isEqualTo(TestTokens.ACCOUNT);

        Files.writeString(store().path(), profile.formatted(opaque));
        assertThatThrownBy(() -> source().current())
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("auth profile openai-codex:me names no ChatGPT account");
    }

    private void assertNoToken(String message) {
        assertThat(message).doesNotContain(oldRefresh).doesNotContain(oldAccess).doesNotContain(newAccess)
                .doesNotContain(newRefresh).doesNotContain("eyJ");
    }
}
