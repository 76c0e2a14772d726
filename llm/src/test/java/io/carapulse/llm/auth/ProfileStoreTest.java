package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.llm.LlmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private final String access = TestTokens.access(TestTokens.ACCOUNT, Instant.parse("2030-01-01T00:00:00Z"));
    private final String refresh = TestTokens.refresh();
    private final AuthProfile profile = TestTokens.profile(TestTokens.ACCOUNT, access, refresh,
            Instant.parse("2026-11-20T10:00:00Z"));

    @Test
    void shouldReadAMissingFileAsAnEmptyStore() {
        ProfileStore store = new ProfileStore(dir.resolve("nowhere/auth-profiles.json"));

        assertThat(store.read()).isEqualTo(AuthProfiles.EMPTY);
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void shouldWriteTheDocumentedFormatAndReadItBack() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("auth-profiles.json"));

        store.update(p -> new ProfileStore.Change<>(p.with(profile).withDefault(profile), null));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("auth-profiles.json").toFile());
        JsonNode stored = json.path("profiles").path("openai-codex:" + TestTokens.ACCOUNT);
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("defaults").path("openai-codex").asText()).isEqualTo(profile.id());
        assertThat(stored.path("provider").asText()).isEqualTo("openai-codex");
        assertThat(stored.path("type").asText()).isEqualTo("oauth");
        assertThat(stored.path("accountId").asText()).isEqualTo(TestTokens.ACCOUNT);
        assertThat(stored.path("accessToken").asText()).isEqualTo(access);
        assertThat(stored.path("refreshToken").asText()).isEqualTo(refresh);
        assertThat(stored.has("idToken")).isFalse();
        assertThat(stored.path("expiresAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(stored.path("lastRefresh").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(stored.path("source").asText()).isEqualTo("manual");
        assertThat(store.read().get(profile.id())).contains(profile);
    }

    @Test
    void shouldCreateTheDirectory0700AndEveryWriteLeavesTheFile0600() throws Exception {
        Path file = dir.resolve("new/.carapulse/auth-profiles.json");
        ProfileStore store = new ProfileStore(file);

        store.update(p -> new ProfileStore.Change<>(p.with(profile), null));
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        store.update(p -> new ProfileStore.Change<>(p.withDefault(profile), null));

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.resolveSibling("auth-profiles.json.lock"))).isEqualTo("rw-------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("auth-profiles.json", "auth-profiles.json.lock");
        }
    }

    @Test
    void shouldNotWriteWhenTheChangeLeavesTheStoreAsItIs() {
        Path file = dir.resolve("auth-profiles.json");

        String result = new ProfileStore(file).update(p -> new ProfileStore.Change<>(p, "unchanged"));

        assertThat(result).isEqualTo("unchanged");
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldReportACorruptFileByPlaceWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("auth-profiles.json");
        Files.writeString(file, "{\"version\": 1, \"profiles\": {\"x\": {\"accessToken\": " + access + "}}}");
        ProfileStore store = new ProfileStore(file);

        assertThatThrownBy(store::read)
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is corrupt: it is not valid JSON (line 1, column")
                .hasMessageContaining("assistantctl llm auth import")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(access).doesNotContain("eyJ"));
        assertThatThrownBy(() -> store.update(p -> new ProfileStore.Change<>(p.with(profile), null)))
                .isInstanceOf(LlmException.NotConfigured.class);
        assertThat(Files.readString(file)).contains(access); // left untouched for the user to fix
    }

    @Test
    void shouldNameTheBrokenFieldOfAProfile() throws Exception {
        Path file = dir.resolve("auth-profiles.json");
        Files.writeString(file, "{\"version\":1,\"profiles\":{\"openai-codex:a\":{\"provider\":\"openai-codex\","
                + "\"type\":\"oauth\",\"accessToken\":\"" + access + "\",\"source\":\"manual\",\"importedAt\":\"2026-01-01T00:00:00Z\"}}}");

        assertThatThrownBy(() -> new ProfileStore(file).read())
                .hasMessageContaining("profile openai-codex:a is of type oauth but has no refresh token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(access));
    }

    @Test
    void shouldRefuseAFileFromANewerFormat() throws Exception {
        Path file = dir.resolve("auth-profiles.json");
        Files.writeString(file, "{\"version\": 2, \"profiles\": {}}");

        assertThatThrownBy(() -> new ProfileStore(file).read())
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("format version 2, this Carapulse reads version 1");
    }

    @Test
    void shouldEndInUnavailableWhenAnotherWriterKeepsTheLock() throws Exception {
        Path file = dir.resolve("auth-profiles.json");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new ProfileStore(file).update(p -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ProfileStore.Change<>(p.with(profile), null);
        }));
        try {
            inside.await();
            ProfileStore impatient = new ProfileStore(file, Duration.ofMillis(200));

            assertThatThrownBy(() -> impatient.update(p -> new ProfileStore.Change<>(p, null)))
                    .isInstanceOf(LlmException.Unavailable.class)
                    .hasMessageContaining("held the auth profile lock " + file + ".lock");
        } finally {
            release.countDown();
        }
        holder.get(30, TimeUnit.SECONDS);
        assertThat(new ProfileStore(file).read().get(profile.id())).contains(profile);
    }

    @Test
    void shouldRemoveTheDefaultWithItsProfile() {
        AuthProfiles profiles = AuthProfiles.EMPTY.with(profile).withDefault(profile);

        AuthProfiles after = profiles.without(profile.id());

        assertThat(after.profiles()).isEmpty();
        assertThat(after.defaults()).isEmpty();
    }

    @Test
    void shouldKeepTokensOutOfToString() {
        assertThat(profile.toString()).doesNotContain(access).doesNotContain(refresh).contains(profile.id());
        assertThat(AuthProfiles.EMPTY.with(profile).toString()).doesNotContain(access).doesNotContain(refresh);
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
