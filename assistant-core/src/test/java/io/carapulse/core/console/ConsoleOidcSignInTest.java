package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing in to the console through a real (in-process) OIDC provider, over plain HTTP as a browser
 * does it: the authorization request carries state, nonce and an S256 PKCE challenge; the callback
 * opens a console session whose roles come from the same groups mapping as bearer JWTs; a tampered
 * state is refused; and the provider's JWTs still only work as bearer tokens through Carapulse's own
 * checks (its audience), never through the JWT validator the sign-in brings along.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOidcSignInTest implements TestPropertyProvider {

    private static final String CLIENT = "carapulse-console";
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject EmbeddedServer server;

    private MockOAuth2Server oauth;

    @Override
    public Map<String, String> getProperties() {
        oauth = new MockOAuth2Server();
        try {
            oauth.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "carapulse.auth.oidc.issuer", oauth.issuerUrl("default").toString(),
                "carapulse.auth.oidc.audience", "carapulse-api",
                "carapulse.auth.oidc.role-mapping.sre-oncall", "operator,approver",
                "carapulse.console.oidc.enabled", "true",
                "carapulse.console.oidc.client-id", CLIENT,
                "carapulse.console.oidc.client-secret", "console-secret",
                "carapulse.console.trusted-proxies", "127.0.0.1/32");
    }

    @AfterAll
    void stopIssuer() {
        oauth.shutdown();
    }

    @Test
    void shouldSignInThroughTheProviderWithPkceStateAndNonceAndMapGroupsToRoles() throws Exception {
        oauth.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice-sub", "JWT", List.of(CLIENT),
                Map.of("email", "alice@example.com", "email_verified", true, "groups", List.of("sre-oncall")), 3600));
        Cookies cookies = new Cookies();

        HttpResponse<String> start = get(base() + "/oauth/login/carapulse", cookies);
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("location").orElseThrow());
        Map<String, String> query = query(authorize);
        assertThat(authorize.toString()).startsWith(oauth.issuerUrl("default").toString());
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(query.get("redirect_uri")).endsWith("/oauth/callback/carapulse");

        HttpResponse<String> provider = get(authorize.toString(), cookies);
        assertThat(provider.statusCode()).isEqualTo(302);
        String callback = provider.headers().firstValue("location").orElseThrow();
        assertThat(callback).contains("code=").contains("state=");

        HttpResponse<String> done = get(callback, cookies);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("location")).hasValue("/");
        assertThat(cookies.get(ConsoleRequests.COOKIE)).isNotBlank();

        HttpResponse<String> home = get(base() + "/", cookies);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("alice@example.com").contains("approver, operator");
    }

    @Test
    void shouldSendTheProviderTheAddressPeopleUseBehindATlsTerminatingProxy() throws Exception {
        // what a proxy in front of the server forwards: the public host, and that the browser spoke https
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write(("GET /oauth/login/carapulse HTTP/1.1\r\nHost: carapulse.example.com\r\n"
                    + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher location = java.util.regex.Pattern.compile("(?im)^location: (\\S+)").matcher(answer);
        assertThat(location.find()).as(answer).isTrue();
        assertThat(query(URI.create(location.group(1))).get("redirect_uri"))
                .isEqualTo("https://carapulse.example.com/oauth/callback/carapulse");
    }

    @Test
    void shouldRefuseACallbackWhoseStateWasNotIssuedToThisBrowser() throws Exception {
        Cookies cookies = new Cookies();
        URI authorize = URI.create(get(base() + "/oauth/login/carapulse", cookies).headers().firstValue("location").orElseThrow());
        String callback = get(authorize.toString(), new Cookies()).headers().firstValue("location").orElseThrow();

        HttpResponse<String> foreign = get(callback, new Cookies()); // another browser, without the state cookie
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.body()).contains("did not sign you in");
        assertThat(foreign.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith(ConsoleRequests.COOKIE + "=")
                && !c.startsWith(ConsoleRequests.COOKIE + "=;"));
    }

    @Test
    void shouldKeepRefusingBearerJwtsMintedForTheConsoleClientOrClaimingRoles() {
        TestHttp http = new TestHttp(server.getURL());
        String forConsole = oauth.issueToken("default", "mallory", CLIENT,
                Map.of("roles", List.of("admin"), "groups", List.of("sre-oncall")), 3600).serialize();
        assertThat(http.get("/v1/me", forConsole).status()).isEqualTo(401);

        String forApi = oauth.issueToken("default", "bob", "carapulse-api",
                Map.of("roles", List.of("admin")), 3600).serialize();
        TestHttp.Response me = http.get("/v1/me", forApi);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles").toString()).as("a roles claim grants nothing").isEqualTo("[]");
    }

    @Test
    void shouldOfferSingleSignOnOnTheSignInPage() throws Exception {
        assertThat(get(base() + "/login", new Cookies()).body()).contains("href=\"/oauth/login/carapulse\"");
    }

    private String base() {
        return server.getURL().toString().replaceAll("/$", "").replace("localhost", "127.0.0.1");
    }

    private static HttpResponse<String> get(String url, Cookies cookies) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        String header = cookies.header(URI.create(url));
        if (!header.isEmpty()) {
            b.header("Cookie", header);
        }
        HttpResponse<String> r = BROWSER.send(b.build(), HttpResponse.BodyHandlers.ofString());
        cookies.take(URI.create(url), r.headers().allValues("set-cookie"));
        return r;
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
                        (a, b) -> a, LinkedHashMap::new));
    }

    /** A browser's cookie jar, by host and port (enough for two loopback servers). */
    private static final class Cookies {
        private final Map<String, Map<String, String>> byOrigin = new LinkedHashMap<>();

        void take(URI uri, List<String> setCookies) {
            Map<String, String> jar = byOrigin.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new LinkedHashMap<>());
            for (String c : setCookies) {
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
        }

        String header(URI uri) {
            return byOrigin.getOrDefault(uri.getHost() + ":" + uri.getPort(), Map.of()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }

        String get(String name) {
            return byOrigin.values().stream().map(m -> m.get(name)).filter(v -> v != null).findFirst().orElse(null);
        }
    }
}
