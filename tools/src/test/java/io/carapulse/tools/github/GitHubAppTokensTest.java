package io.carapulse.tools.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.github.internal.AppJwt;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitHub App's credentials: the runtime signs the app's JWT (RS256; the stub answers only a JWT whose
 * signature the app's public key verifies), exchanges it for an installation token, uses that token until
 * five minutes before it expires, and then mints another.
 */
class GitHubAppTokensTest {

    static final String FIRST = "canary-installation-token-one-7d1c";
    static final String SECOND = "canary-installation-token-two-9e4b";
    static final String EXCHANGE = GitHubStubs.PREFIX + "/app/installations/7890123/access_tokens";

    @TempDir
    Path dir;
    GitHubStubs stubs;
    TestKeys keys;
    MutableClock clock;

    @BeforeEach
    void start() {
        stubs = new GitHubStubs(null, null);
        keys = TestKeys.generate();
        clock = new MutableClock(Instant.parse("2024-05-02T10:00:00Z"));
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    GitHubAdapter adapter(String pem) throws Exception {
        Path key = Files.writeString(dir.resolve("app.pem"), pem);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("app-id", "123456");
        app.put("installation-id", "7890123");
        app.put("private-key", "file:" + key);
        return new GitHubAdapter(GitHubWorld.runtime(GitHubWorld.section("github.com", stubs.apiUrl(), Map.of("app", app),
                List.of()), null, new ProcessRunner(), clock, Map.<String, String>of()::get, Map.of()));
    }

    /** The exchange, answered only for a JWT the app's public key verifies; the n-th answer is {@code tokens[n]}. */
    void exchange(String... tokens) {
        RSAPublicKey publicKey = (RSAPublicKey) keys.pair().getPublic();
        for (int i = 0; i < tokens.length; i++) {
            var answer = GitHubStubs.json(201, GitHubStubs.object().put("token", tokens[i])
                    .put("expires_at", clock.instant().plus(Duration.ofHours(1)).toString())
                    .put("repository_selection", "selected").set("permissions", GitHubStubs.object()
                            .put("contents", "write").put("pull_requests", "write").put("actions", "write")));
            stubs.server().stubFor(post(urlPathEqualTo(EXCHANGE)).inScenario("tokens")
                    .whenScenarioStateIs(i == 0 ? "Started" : "minted-" + i).willSetStateTo("minted-" + (i + 1))
                    .withHeader("Accept", equalTo("application/vnd.github+json"))
                    .andMatching(request -> MatchResult.of(signedBy(request.getHeader("Authorization"), publicKey)))
                    .willReturn(answer).atPriority(1));
        }
        for (String token : tokens) {
            stubs.server().stubFor(GitHubStubs.getTo("").withHeader("Authorization", equalTo("token " + token))
                    .willReturn(GitHubStubs.json(200, stubs.repository())).atPriority(1));
            stubs.server().stubFor(GitHubStubs.getTo("/pulls/7").withHeader("Authorization", equalTo("token " + token))
                    .willReturn(GitHubStubs.json(200, stubs.full(stubs.pull(7, "open", "feature/x", GitHubStubs.HEAD_SHA,
                            "main"), true, "clean", false))).atPriority(1));
        }
    }

    static boolean signedBy(String authorization, RSAPublicKey key) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            return jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.RS256) && jwt.verify(new RSASSAVerifier(key));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    ToolResult prGet(GitHubAdapter adapter) {
        return GitHubWorld.action(adapter, "pr-get").execute(GitHubWorld.call("pr-get",
                "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context());
    }

    List<LoggedRequest> exchanges() {
        return stubs.requests().stream().filter(r -> r.getUrl().equals(EXCHANGE)).toList();
    }

    @Test
    void shouldSignTheAppJwtExchangeItAndReuseTheTokenUntilFiveMinutesBeforeItExpires() throws Exception {
        exchange(FIRST, SECOND);
        GitHubAdapter adapter = adapter(keys.pkcs1Pem());

        prGet(adapter);
        prGet(adapter);
        assertThat(exchanges()).as("one token for both calls").hasSize(1);
        SignedJWT jwt = SignedJWT.parse(exchanges().get(0).getHeader("Authorization").substring(7));
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("123456");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(clock.instant().minusSeconds(60));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(540));
        assertThat(stubs.requests().stream().filter(r -> r.getUrl().endsWith("/pulls/7")))
                .allMatch(r -> r.getHeader("Authorization").equals("token " + FIRST));

        clock.set(Instant.parse("2024-05-02T10:54:59Z")); // 5 min 1 s before the first token expires
        prGet(adapter);
        assertThat(exchanges()).hasSize(1);

        clock.set(Instant.parse("2024-05-02T10:55:00Z")); // 5 minutes before: minted again
        prGet(adapter);
        assertThat(exchanges()).hasSize(2);
        SignedJWT second = SignedJWT.parse(exchanges().get(1).getHeader("Authorization").substring(7));
        assertThat(second.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(Instant.parse("2024-05-02T10:54:00Z"));
        List<LoggedRequest> pulls = stubs.requests().stream().filter(r -> r.getUrl().endsWith("/pulls/7")).toList();
        assertThat(pulls.get(pulls.size() - 1).getHeader("Authorization")).isEqualTo("token " + SECOND);
    }

    @Test
    void aPkcs8KeyShouldSignAsWell() throws Exception {
        exchange(FIRST);
        prGet(adapter(keys.pkcs8Pem()));
        assertThat(exchanges()).hasSize(1);
    }

    @Test
    void aKeyOfAnotherAppShouldBeRefusedAsUnauthenticatedNamingTheAppNotTheKey() throws Exception {
        exchange(FIRST);
        stubs.server().stubFor(post(urlPathEqualTo(EXCHANGE)).atPriority(3).willReturn(GitHubStubs.error(401,
                "A JSON web token could not be decoded", "https://docs.github.com/rest")));
        TestKeys other = TestKeys.generate();
        Throwable t = catchThrowable(() -> prGet(adapter(other.pkcs1Pem())));
        assertThat(t).isInstanceOf(ToolException.class).hasMessageContaining("GitHub App 123456 (installation 7890123)")
                .hasMessageContaining("HTTP 401 A JSON web token could not be decoded");
        assertThat(((ToolException) t).failure()).isEqualTo(ToolFailure.UNAUTHENTICATED);
        assertThat(t.getMessage()).doesNotContain(other.bodyLines(other.pkcs1Pem())[1]).doesNotContain("eyJ");
    }

    @Test
    void aKeyThatCannotBeReadShouldBeAConfigurationProblemNamingTheReferenceOnly() throws Exception {
        Throwable missing = catchThrowable(() -> new AppJwtProbe(adapter(keys.pkcs1Pem()), dir).deleteKeyAndCall());
        assertThat(missing).isInstanceOf(ToolException.class).hasMessageContaining("file:" + dir.resolve("app.pem"));
        assertThat(((ToolException) missing).failure()).isEqualTo(ToolFailure.CONFIGURATION_INVALID);

        String notAKey = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbCBzZWNyZXQ=\n-----END RSA PRIVATE KEY-----\n";
        Throwable bad = catchThrowable(() -> prGet(adapter(notAKey)));
        assertThat(bad).isInstanceOf(ToolException.class).hasMessageContaining("is not an RSA private key")
                .hasMessageNotContaining("bm90IGEga2V5");
        assertThat(((ToolException) bad).failure()).isEqualTo(ToolFailure.CONFIGURATION_INVALID);
        assertThat(exchanges()).isEmpty();
    }

    @Test
    void theJwtShouldBeValidForTenMinutesAtMostFromItsIssue() {
        Instant now = Instant.parse("2024-05-02T10:00:00Z");
        String jwt = AppJwt.sign(42, AppJwt.privateKey(keys.pkcs8Pem()), now);
        assertThat(signedBy("Bearer " + jwt, (RSAPublicKey) keys.pair().getPublic())).isTrue();
        assertThat(Duration.between(now.minus(AppJwt.ISSUED_BEFORE), now.plus(AppJwt.LIFETIME)))
                .isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    /** Calls with the key file gone. */
    record AppJwtProbe(GitHubAdapter adapter, Path dir) {
        void deleteKeyAndCall() throws Exception {
            Files.delete(dir.resolve("app.pem"));
            GitHubWorld.action(adapter, "pr-get").execute(GitHubWorld.call("pr-get",
                    "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context());
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
