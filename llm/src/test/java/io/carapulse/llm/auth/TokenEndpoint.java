package io.carapulse.llm.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Notifier;
import java.net.URI;
import java.time.Duration;

/**
 * A stand-in for {@code auth.openai.com/oauth/token} on 127.0.0.1. Quiet: WireMock's default
 * notifier prints unmatched requests, which would put refresh tokens in the test output.
 */
final class TokenEndpoint implements AutoCloseable {

    static final String PATH = "/oauth/token";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .notifier(new Quiet()));

    TokenEndpoint() {
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + PATH);
    }

    OAuthSettings settings() {
        return OAuthSettings.defaults().withTokenUrl(url()).withRequestTimeout(Duration.ofSeconds(20));
    }

    /** Answers a refresh of exactly {@code refreshToken} (and nothing else) with {@code response}. */
    void onRefresh(String refreshToken, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"client_id\":\"app_EMoamEEZ73f0CkXaXp7hrann\","
                        + "\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}"))
                .willReturn(response));
    }

    /** Answers a refresh of anything else the way the real server answers a used token. */
    void rejectOtherRefreshTokens() {
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10)
                .withRequestBody(matchingJsonPath("$.refresh_token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"refresh_token_reused\",\"message\":\"already used\"}}")));
    }

    static ResponseDefinitionBuilder tokens(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    static ResponseDefinitionBuilder error(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
    }

    int refreshCount() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class Quiet implements Notifier {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Throwable t) {
        }
    }
}
