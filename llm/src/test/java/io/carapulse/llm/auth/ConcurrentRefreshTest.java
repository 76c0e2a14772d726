package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.TokenEndpoint.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One expired profile, several refreshers at once: the token endpoint (which, like the real one,
 * refuses a refresh token used twice) must see exactly one refresh, and everyone ends with its result.
 * The endpoint answers slowly so that the refreshers really overlap.
 */
class ConcurrentRefreshTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private final TokenEndpoint endpoint = new TokenEndpoint();
    private final String oldRefresh = TestTokens.refresh();
    private final String newAccess = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofDays(10)));
    private final String newRefresh = TestTokens.refresh();
    private Path file;

    @BeforeEach
    void seedAnExpiredProfile() {
        file = dir.resolve("auth-profiles.json");
        AuthProfile expired = TestTokens.profile(TestTokens.ACCOUNT,
                TestTokens.access(TestTokens.ACCOUNT, NOW.minus(Duration.ofMinutes(5))), oldRefresh,
                NOW.minus(Duration.ofDays(1)));
        new ProfileStore(file).update(p -> new ProfileStore.Change<>(p.with(expired), null));
        endpoint.onRefresh(oldRefresh, tokens("{\"access_token\":\"" + newAccess + "\",\"refresh_token\":\""
                + newRefresh + "\"}").withFixedDelay(1_000));
        endpoint.rejectOtherRefreshTokens();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    /** A refresher with its own store instance, as separate components of one server would have. */
    private ProfileCredentialSource refresher() {
        return new ProfileCredentialSource(new ProfileStore(file), new ProfileSelector(AuthEnv.of(Map.of(), dir)),
                new TokenRefresher(endpoint.settings()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldRefreshOnceWhenFourThreadsFindTheSameExpiredToken() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ProfileCredentialSource source = refresher();
                results.add(pool.submit(() -> {
                    start.await();
                    return source.current().accessToken();
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(newAccess);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(endpoint.refreshCount()).isEqualTo(1);
        assertRotatedFile();
    }

    @Test
    void shouldRefreshOnceWhenTwoProcessesFindTheSameExpiredToken() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RefreshInAnotherJvm.class.getName(), file.toString(), endpoint.url().toString(), NOW.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            awaitLine(out, "READY");
            ProfileCredentialSource here = refresher();
            CompletableFuture<String> mine = CompletableFuture.supplyAsync(() -> here.current().accessToken());
            in.write("GO\n");
            in.flush();

            String theirs = awaitLine(out, "RESULT ");
            assertThat(mine.get(60, TimeUnit.SECONDS)).isEqualTo(newAccess);
            assertThat(theirs).isEqualTo("RESULT " + RefreshInAnotherJvm.sha256(newAccess));
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }

        assertThat(child.exitValue()).isZero();
        assertThat(endpoint.refreshCount()).isEqualTo(1);
        assertRotatedFile();
    }

    private void assertRotatedFile() throws Exception {
        assertThat(new ObjectMapper().readTree(file.toFile()).path("version").asInt()).isEqualTo(1);
        AuthProfile stored = new ProfileStore(file).read().get(AuthProfile.codexId(TestTokens.ACCOUNT)).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(newAccess);
        assertThat(stored.refreshToken()).isEqualTo(newRefresh);
        assertThat(ProfileStoreTest.mode(file)).isEqualTo("rw-------");
    }

    /** The first line starting with {@code prefix} (log lines before it are skipped); fails on ERROR or EOF. */
    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            assertThat(line).as("the other process failed").doesNotStartWith("ERROR ");
        }
        throw new AssertionError("the other process ended before printing " + prefix.trim());
    }
}
