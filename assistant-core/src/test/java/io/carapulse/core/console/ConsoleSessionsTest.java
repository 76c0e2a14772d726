package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.support.TestClock;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions and forms over plain HTTP, as a browser would send them: one-time links,
 * token sign-in, timeouts, revocation, CSRF, cross-site posts, roles, stale fingerprints, return paths
 * and the security headers. (The same journey in a real browser: ConsoleBrowserIT.)
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ConsoleSessionsTest {


    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ApprovalService approvals;
    @Inject TestClock clock;

    private TestHttp http;
    private ConsoleClient console;
    private String operator;
    private String approver;
    private String viewer;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        console = new ConsoleClient(http);
        operator = tokens.create(Actor.SYSTEM, "console-operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "console-approver", List.of("approver")).token();
        viewer = tokens.create(Actor.SYSTEM, "console-viewer", List.of("viewer")).token();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void shouldSignInOnceWithALinkAndNeverAgain() {
        String url = http.post("/v1/console/links", approver, "").json().get("url").asText();
        String path = URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery();
        assertThat(path).startsWith("/login/link?code=");
        String code = URI.create(url).getRawQuery().substring("code=".length());

        // opening the link (a scanner, a preview, the person) shows a button and uses nothing up
        for (int i = 0; i < 2; i++) {
            TestHttp.Response shown = http.get(path, null);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body()).contains("Sign in with this link", "value=\"" + code + "\"");
            assertThat(shown.headers().allValues("set-cookie")).isEmpty();
        }
        assertThat(console.form("/login/link", null, Map.of("code", code), "Origin", "https://evil.example").status())
                .as("another site cannot sign a browser in with it").isEqualTo(403);

        TestHttp.Response first = console.form("/login/link", null, Map.of("code", code));
        assertThat(first.status()).isEqualTo(303);
        String cookie = ConsoleClient.cookie(first);
        assertThat(console.page("/", cookie).status()).isEqualTo(200);
        assertThat(console.page("/", cookie).body()).contains("console-approver");

        TestHttp.Response again = console.form("/login/link", null, Map.of("code", code));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).contains("has been used, has expired");
        assertThat(again.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void shouldRefuseALinkOnceItHasExpired() {
        String url = http.post("/v1/console/links", approver, "").json().get("url").asText();
        clock.advance(Duration.ofMinutes(16)); // carapulse.console.link-ttl defaults to 15m
        assertThat(console.form("/login/link", null, Map.of("code", URI.create(url).getRawQuery().substring(5))).status())
                .isEqualTo(401);
    }

    @Test
    void shouldSignInWithATokenAndEndTheSessionWhenTheTokenIsRevoked() {
        TokenService.Holder holder = tokens.holder(viewer).orElseThrow();
        String cookie = console.signIn(viewer);
        assertThat(console.page("/", cookie).status()).isEqualTo(200);

        tokens.revoke(Actor.SYSTEM, holder.tokenId());

        TestHttp.Response after = console.page("/", cookie);
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.headers().firstValue("location")).hasValue("/login?next=%2F");
    }

    @Test
    void shouldRefuseAWrongTokenWithoutASession() {
        TestHttp.Response r = console.form("/login/token", null, Map.of("token", "cpt_" + "x".repeat(43)));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("not an active API token");
        assertThat(r.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void shouldEndASessionLeftIdleAndOneOpenTooLong() {
        String idle = console.signIn(viewer);
        clock.advance(Duration.ofMinutes(31));
        assertThat(console.page("/", idle).status()).isEqualTo(303);

        String busy = console.signIn(viewer);
        for (int i = 0; i < 25; i++) { // used every 29 minutes, for more than the 12 h absolute timeout
            clock.advance(Duration.ofMinutes(29));
            if (console.page("/", busy).status() != 200) {
                assertThat(i).as("ended by the absolute timeout, not before").isGreaterThanOrEqualTo(24);
                return;
            }
        }
        throw new AssertionError("a session used every 29 minutes outlived the 12 h absolute timeout");
    }

    @Test
    void shouldGiveANewSessionIdAtEverySignIn() {
        assertThat(console.signIn(viewer)).isNotEqualTo(console.signIn(viewer));
    }

    @Test
    void shouldRefuseADecisionWithoutTheCsrfTokenOrFromAnotherSite() {
        String planId = writePlan("<b>scale</b>");
        String cookie = console.signIn(approver);
        String csrf = ConsoleClient.csrf(console.page("/plans/" + planId, cookie));
        String fingerprint = http.get("/v1/plans/" + planId, approver).json().get("fingerprint").asText();

        TestHttp.Response noToken = console.form("/plans/" + planId + "/decision", cookie,
                Map.of("decision", "approve", "fingerprint", fingerprint));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF token is missing or wrong");

        TestHttp.Response crossSite = console.form("/plans/" + planId + "/decision", cookie,
                Map.of("decision", "approve", "fingerprint", fingerprint, "_csrf", csrf), "Origin", "https://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(http.get("/v1/plans/" + planId, approver).json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");

        TestHttp.Response ok = console.form("/plans/" + planId + "/decision", cookie,
                Map.of("decision", "approve", "fingerprint", fingerprint, "_csrf", csrf));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.headers().firstValue("location")).hasValue("/plans/" + planId + "?done=approved");
        assertThat(http.get("/v1/plans/" + planId, approver).json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void shouldRefuseADecisionOnAPlanChangedSinceThePageWasShown() {
        String planId = writePlan("scale");
        String cookie = console.signIn(approver);
        String csrf = ConsoleClient.csrf(console.page("/plans/" + planId, cookie));
        String shown = http.get("/v1/plans/" + planId, approver).json().get("fingerprint").asText();
        assertThat(http.put("/v1/plans/" + planId + "/steps", operator,
                "{\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":999}}]}").status()).isEqualTo(200);

        TestHttp.Response stale = console.form("/plans/" + planId + "/decision", cookie,
                Map.of("decision", "approve", "fingerprint", shown, "_csrf", csrf));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("fingerprint_mismatch", "The plan changed after you opened this page");
        assertThat(http.get("/v1/plans/" + planId, approver).json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void shouldShowAViewerNoDecisionFormAndRefuseTheirDecision() {
        String planId = writePlan("scale");
        String cookie = console.signIn(viewer);
        TestHttp.Response shown = console.page("/plans/" + planId, cookie);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("value=\"approve\"");
        String fingerprint = http.get("/v1/plans/" + planId, viewer).json().get("fingerprint").asText();

        TestHttp.Response refused = console.form("/plans/" + planId + "/decision", cookie,
                Map.of("decision", "approve", "fingerprint", fingerprint, "_csrf", ConsoleClient.csrf(shown)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("needs one of the roles");
        assertThat(http.get("/v1/plans/" + planId, viewer).json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void shouldShowWhatPeopleWroteAsTextNeverAsMarkup() {
        String planId = writePlan("<script>alert(1)</script><img src=x onerror=alert(2)>");
        TestHttp.Response shown = console.page("/plans/" + planId, console.signIn(viewer));
        assertThat(shown.body()).doesNotContain("<script>alert(1)", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void shouldNeverSendSomeoneOffSiteAfterSignIn() {
        for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            TestHttp.Response r = console.form("/login/token", null, Map.of("token", viewer, "next", next));
            assertThat(r.status()).as(next).isEqualTo(303);
            assertThat(r.headers().firstValue("location")).as(next).hasValue("/");
        }
        TestHttp.Response local = console.form("/login/token", null, Map.of("token", viewer, "next", "/plans/pln_x"));
        assertThat(local.headers().firstValue("location")).hasValue("/plans/pln_x");
    }

    @Test
    void shouldSendSecurityHeadersAndAnHttpOnlySameSiteCookie() {
        TestHttp.Response signIn = console.form("/login/token", null, Map.of("token", viewer), "X-Forwarded-Proto", "https");
        String setCookie = signIn.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).contains("HTTPOnly", "SameSite=Lax", "Path=/")
                .as("X-Forwarded-Proto from a proxy nobody configured is not believed").doesNotContain("Secure");

        TestHttp.Response home = console.page("/", ConsoleClient.cookie(signIn));
        assertThat(home.headers().firstValue("content-security-policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(home.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(home.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void shouldSignOutOnlyWithTheCsrfToken() {
        String cookie = console.signIn(viewer);
        String csrf = ConsoleClient.csrf(console.page("/", cookie));
        assertThat(console.form("/logout", cookie, Map.of()).status()).isEqualTo(403);
        assertThat(console.page("/", cookie).status()).isEqualTo(200);

        TestHttp.Response out = console.form("/logout", cookie, Map.of("_csrf", csrf));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(console.page("/", cookie).status()).isEqualTo(303);
    }

    private String writePlan(String summary) {
        TestHttp.Response r = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":"
                + io.carapulse.core.common.Json.write(summary)
                + ",\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":10}}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }





}
