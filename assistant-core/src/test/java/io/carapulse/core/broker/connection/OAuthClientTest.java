package io.carapulse.core.broker.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.SecretRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each answer of a token endpoint means, in one table: a token, an OAuth error (GitHub's as a 200,
 * GitLab's as a 400/401) with the provider's code, or {@code provider_unreachable} for anything that is not
 * the provider's JSON. No message carries the client secret.
 */
class OAuthClientTest {

    private static final String SECRET = "oauthclienttest-secret-canary";

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final OAuthClient client = new OAuthClient(Clock.systemUTC());
    private OAuthApp app;

    @BeforeEach
    void start() throws IOException {
        stub.start();
        Path secret = Files.createTempFile("oauth-client", ".secret");
        Files.writeString(secret, SECRET);
        secret.toFile().deleteOnExit();
        app = app(stub.baseUrl() + "/login/oauth/access_token", secret);
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    @Test
    void shouldReadAGrantInGitHubsShape() {
        stub.stubFor(WireMock.post("/login/oauth/access_token").willReturn(json(200, "{\"access_token\":\"ghu_a\","
                + "\"expires_in\":28800,\"refresh_token\":\"ghr_b\",\"refresh_token_expires_in\":15811200,"
                + "\"scope\":\"repo,read:org\",\"token_type\":\"bearer\"}")));
        Instant before = Instant.now();

        try (OAuthClient.Grant g = client.exchange(app, "code", "verifier", Duration.ofSeconds(5))) {
            assertThat(g.accessToken().reveal()).isEqualTo("ghu_a");
            assertThat(g.refreshToken().reveal()).isEqualTo("ghr_b");
            assertThat(g.scopes()).containsExactly("repo", "read:org");
            assertThat(g.expiresAt()).isBetween(before.plusSeconds(28800), Instant.now().plusSeconds(28800));
            assertThat(g.toString()).doesNotContain("ghu_a").doesNotContain("ghr_b");
        }
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "200|{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}|bad_verification_code",
        "200|{\"error\":\"bad_refresh_token\",\"error_description\":\"The refresh token passed is incorrect or expired.\"}|bad_refresh_token",
        "400|{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid.\"}|invalid_grant",
        "401|{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}|invalid_client",
        "200|{}|provider_unreachable",
        "503|{\"message\":\"Service Unavailable\"}|provider_unreachable",
        "502|<html><body>Bad gateway</body></html>|provider_unreachable"})
    void shouldMapEachAnswerOfTheTokenEndpoint(int status, String body, String expected) {
        stub.stubFor(WireMock.post("/login/oauth/access_token").willReturn(status == 502
                ? aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body)
                : json(status, body)));

        Throwable t = catchThrowable(() -> client.exchange(app, "code", "verifier", Duration.ofSeconds(5)).close());

        if (t instanceof OAuthClient.TokenRefused refused) {
            assertThat(refused.error()).isEqualTo(expected);
            assertThat(refused.getMessage()).isNotBlank();
        } else {
            assertThat(t).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) t).problem().code()).isEqualTo(expected);
        }
        assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
    }

    @Test
    void shouldSayAProviderThatCannotBeReachedIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OAuthApp nowhere = app("http://127.0.0.1:" + closed + "/oauth/token",
                Path.of(app.clientSecret().locator()));

        Throwable t = catchThrowable(() -> client.exchange(nowhere, "code", "verifier", Duration.ofSeconds(5)));

        assertThat(t).isInstanceOf(ProblemException.class).hasMessageContaining("could not be reached");
        assertThat(((ProblemException) t).problem().code()).isEqualTo("provider_unreachable");
    }

    private static OAuthApp app(String tokenUrl, Path secret) {
        return new OAuthApp(ConnectionProvider.GITHUB, "Iv1.table", new SecretRef("file", secret.toString()),
                List.of("repo"), URI.create("https://github.com/login/oauth/authorize"), URI.create(tokenUrl), null,
                URI.create("https://api.github.com"), URI.create("http://localhost:8080/v1/connections/callback"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
