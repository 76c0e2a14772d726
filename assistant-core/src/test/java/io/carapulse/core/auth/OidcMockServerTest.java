package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** OIDC bearer tokens from a real (in-process) OAuth2 server, RS256 keys served over discovery. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcMockServerTest implements TestPropertyProvider {

    private static final String AUDIENCE = "carapulse";

    private MockOAuth2Server oauth;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        oauth = new MockOAuth2Server();
        try {
            oauth.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "carapulse.auth.oidc.issuer", issuer(),
                "carapulse.auth.oidc.audience", AUDIENCE,
                "carapulse.auth.oidc.role-mapping.sre-oncall", "operator,approver",
                "carapulse.auth.oidc.role-mapping.Platform_Admins", "admin");
    }

    @AfterAll
    void stopIssuer() {
        oauth.shutdown();
    }

    private String issuer() {
        return oauth.issuerUrl("default").toString();
    }

    private TestHttp http() {
        return new TestHttp(server.getURL());
    }

    private String token(String audience, Map<String, Object> claims, long expirySeconds) {
        return oauth.issueToken("default", "alice-sub", audience, claims, expirySeconds).serialize();
    }

    @Test
    void shouldAcceptValidTokenAndMapItsGroupsToRoles() {
        String jwt = token(AUDIENCE, Map.of("email", "alice@example.com", "groups", List.of("sre-oncall", "unmapped")),
                3600);

        TestHttp.Response me = http().get("/v1/me", jwt);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("subject").asText()).isEqualTo("oidc:alice-sub");
        assertThat(me.json().path("name").asText()).isEqualTo("alice@example.com");
        assertThat(me.json().path("authKind").asText()).isEqualTo("oidc");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"operator\",\"approver\"]");
    }

    @Test
    void shouldKeepGroupNamesCaseSensitiveWhenMapping() {
        String exact = token(AUDIENCE, Map.of("groups", List.of("Platform_Admins")), 3600);
        String otherCase = token(AUDIENCE, Map.of("groups", List.of("platform_admins")), 3600);

        assertThat(http().get("/v1/me", exact).json().path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(http().get("/v1/me", otherCase).json().path("roles").toString()).isEqualTo("[]");
    }

    @Test
    void shouldLetCallerWithoutMappedGroupsSeeOnlyWhoTheyAre() {
        String jwt = token(AUDIENCE, Map.of("groups", List.of("marketing")), 3600);

        TestHttp.Response me = http().get("/v1/me", jwt);
        TestHttp.Response tokens = http().get("/v1/tokens", jwt);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("name").asText()).isEqualTo("alice-sub");
        assertThat(me.json().path("roles").size()).isZero();
        assertThat(tokens.status()).isEqualTo(403);
        assertThat(tokens.code()).isEqualTo("forbidden");
    }

    @Test
    void shouldRefuseExpiredToken() {
        String jwt = token(AUDIENCE, Map.of("groups", List.of("sre-oncall")), -3600);

        TestHttp.Response me = http().get("/v1/me", jwt);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(me.code()).isEqualTo("unauthenticated");
    }

    @Test
    void shouldRefuseTokenFromAnotherIssuerEvenWhenSignedByAKnownKey() {
        // same signing key as the configured issuer, only `iss` differs: proves the issuer check itself
        String jwt = oauth.getConfig().getTokenProvider().jwt(Map.of(
                "iss", "https://evil.example/default", "sub", "alice-sub", "aud", AUDIENCE,
                "groups", List.of("sre-oncall")), Duration.ofHours(1), "default").serialize();
        String sameIssuer = oauth.getConfig().getTokenProvider().jwt(Map.of(
                "iss", issuer(), "sub", "alice-sub", "aud", AUDIENCE,
                "groups", List.of("sre-oncall")), Duration.ofHours(1), "default").serialize();

        assertThat(http().get("/v1/me", jwt).status()).isEqualTo(401);
        assertThat(http().get("/v1/me", sameIssuer).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseTokenForAnotherAudience() {
        String jwt = token("some-other-client", Map.of("groups", List.of("sre-oncall")), 3600);

        TestHttp.Response me = http().get("/v1/me", jwt);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("unauthenticated");
    }

    @Test
    void shouldAnswerProblemJson401WithoutAnyToken() {
        TestHttp.Response me = http().get("/v1/me", null);
        TestHttp.Response garbage = http().get("/v1/me", "not-a-token");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(me.code()).isEqualTo("unauthenticated");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("unauthenticated");
    }
}
