package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's other pages over HTTP: the approval inbox, audit (filters, verification), tools,
 * environments (targets, never a credential), the language model's status, and API tokens for admins
 * (shown once, revoked with the CSRF token; refused to anyone else).
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.environments.prod.kubernetes.token", value = "env:PROD_KUBE_TOKEN_NEVER_SHOWN")
class ConsolePagesTest {


    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private TestHttp http;
    private ConsoleClient console;
    private String operator;
    private String viewerCookie;
    private String adminCookie;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        console = new ConsoleClient(http);
        operator = tokens.create(Actor.SYSTEM, "pages-operator", List.of("operator")).token();
        viewerCookie = console.signIn(tokens.create(Actor.SYSTEM, "pages-viewer", List.of("viewer")).token());
        adminCookie = console.signIn(tokens.create(Actor.SYSTEM, "pages-admin", List.of("admin")).token());
    }

    @Test
    void shouldListWaitingApprovalsWithWhoMayDecide() {
        String planId = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"<i>rotate</i>\","
                + "\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":5}}]}").json().get("id").asText();
        TestHttp.Response inbox = console.page("/approvals", viewerCookie);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.body()).contains("/plans/" + planId, "&lt;i&gt;rotate&lt;/i&gt;", "may not decide here")
                .doesNotContain("<i>rotate</i>");
        assertThat(console.page("/approvals", adminCookie).body()).contains("may decide");
    }

    @Test
    void shouldShowTheDiffAStepWillMakeOnThePlanPageAsEscapedColouredLines() {
        String name = "cfg-" + Long.toHexString(System.nanoTime());
        var plan = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"configure\",\"steps\":["
                + "{\"tool\":\"fake\",\"action\":\"configure\",\"args\":{\"name\":\"" + name + "\","
                + "\"text\":\"<script>alert(1)</script>\\nreplicas: 3\\n\"}}]}").json();
        String sha = plan.at("/steps/0/preview/diffSha256").asText();

        TestHttp.Response page = console.page("/plans/" + plan.get("id").asText(), viewerCookie);

        assertThat(page.status()).isEqualTo(200);
        Matcher change = Pattern.compile("(?s)<section class=\"change\" id=\"change-0\".*?</section>").matcher(page.body());
        assertThat(change.find()).as("a section with step 0's change").isTrue();
        assertThat(change.group()).contains("1 file, " + name + " at v0: +2 -0", sha,
                "<span class=\"file\">--- a/" + name + "</span>", "<span class=\"hunk\">@@ -0,0 +1,2 @@</span>",
                "<span class=\"add\">+&lt;script&gt;alert(1)&lt;/script&gt;</span>",
                "<span class=\"add\">+replicas: 3</span>").doesNotContain("<script>");
    }

    @Test
    void shouldSayOnThePlanPageWhenATimeBoxedStepsChangeIsReverted() {
        var plan = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"scale for a while\","
                + "\"steps\":[{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}},"
                + "{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":4},"
                + "\"revertAfter\":\"90m\"}]}").json();

        TestHttp.Response page = console.page("/plans/" + plan.get("id").asText(), viewerCookie);

        assertThat(page.status()).isEqualTo(200);
        Matcher box = Pattern.compile("(?s)<p class=\"timebox\">.*?</p>").matcher(page.body());
        assertThat(box.find()).as("a line for the time-boxed step").isTrue();
        assertThat(box.group().replaceAll("\\s+", " ")).contains("Step <span>1</span> is time-boxed",
                "reverted <strong>90m</strong> after the execution succeeds");
        assertThat(box.find()).as("only the time-boxed step has one").isFalse();
    }

    @Test
    void shouldShowWhatFailedInTheLastDayOnHome() throws Exception {
        TestHttp.Response quiet = console.page("/", viewerCookie);
        String admin = tokens.create(Actor.SYSTEM, "pages-approver", List.of("admin")).token();
        var plan = http.post("/v1/plans", operator, "{\"environment\":\"dev\",\"summary\":\"migrate <b>db</b>\","
                + "\"steps\":[{\"tool\":\"fake\",\"action\":\"fail\",\"args\":{\"message\":\"disk full\"}}]}").json();
        String planId = plan.get("id").asText();
        TestHttp.Response approved = http.post("/v1/plans/" + planId + "/approval", admin,
                "{\"decision\":\"approve\",\"fingerprint\":\"" + plan.get("fingerprint").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isLessThan(300);
        String executionId = http.post("/v1/plans/" + planId + "/execute", operator, "").json().get("executionId").asText();
        for (int i = 0; i < 200 && !http.get("/v1/executions/" + executionId, operator).json().get("status").asText()
                .equals("FAILED"); i++) {
            Thread.sleep(50);
        }

        TestHttp.Response home = console.page("/", viewerCookie);
        assertThat(home.body()).doesNotContain("Nothing failed in the last 24 hours.");
        Matcher failed = Pattern.compile("(?s)<table[^>]*id=\"failed\".*?</table>").matcher(home.body());
        assertThat(failed.find()).as("a table of failed executions").isTrue();
        assertThat(failed.group()).contains("/executions/" + executionId, "FAILED", "tool_failed");
        assertThat(quiet.body()).doesNotContain("/executions/" + executionId);
    }

    @Test
    void shouldFilterTheAuditLogAndVerifyTheChain() {
        TestHttp.Response denied = console.form("/login/token", null, Map.of("token", "cpt_" + "y".repeat(43)));
        assertThat(denied.status()).isEqualTo(401);

        TestHttp.Response filtered = console.page("/audit?decision=deny&action=console.sign_in", viewerCookie);
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.body()).contains("console.sign_in", "invalid_token")
                .containsPattern("(?i)<td>deny</td>").doesNotContainPattern("(?i)<td>allow</td>");

        assertThat(console.page("/audit?decision=maybe", viewerCookie).status()).isEqualTo(422);
        assertThat(console.page("/audit?before=not-a-cursor", viewerCookie).status()).isEqualTo(400);

        TestHttp.Response verified = console.page("/audit/verify", viewerCookie);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("The audit chain is intact.");
    }

    @Test
    void shouldShowToolsEnvironmentTargetsWithoutCredentialsAndTheModelStatus() {
        TestHttp.Response tools = console.page("/tools", viewerCookie);
        assertThat(tools.body()).contains("fake.scale", "WRITE", "BREAK_GLASS", "replicas*: integer");

        TestHttp.Response envs = console.page("/environments", viewerCookie);
        assertThat(envs.status()).isEqualTo(200);
        assertThat(envs.body()).contains("prod", "namespaces: payments, web", "not allowed")
                .doesNotContain("PROD_KUBE_TOKEN_NEVER_SHOWN");

        TestHttp.Response llm = console.page("/llm", viewerCookie);
        assertThat(llm.status()).isEqualTo(200);
        assertThat(llm.body()).contains("Provider");
    }

    @Test
    void shouldLetAnAdminCreateATokenShownOnceAndRevokeIt() {
        TestHttp.Response refused = console.page("/tokens", viewerCookie);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(console.page("/", viewerCookie).body()).doesNotContain("href=\"/tokens\"");

        String csrf = ConsoleClient.csrf(console.page("/tokens", adminCookie));
        TestHttp.Response created = console.form("/tokens", adminCookie, Map.of("_csrf", csrf, "name", "console-made", "roles", "viewer"));
        assertThat(created.status()).isEqualTo(201);
        Matcher token = Pattern.compile("id=\"new-token\">(cpt_[A-Za-z0-9_-]{43})<").matcher(created.body());
        assertThat(token.find()).isTrue();
        assertThat(http.get("/v1/me", token.group(1)).status()).isEqualTo(200);
        TestHttp.Response listed = console.page("/tokens", adminCookie);
        assertThat(listed.body()).contains("console-made").doesNotContain(token.group(1));

        String id = http.get("/v1/me", token.group(1)).json().get("subject").asText().substring("token:".length());
        assertThat(console.form("/tokens/" + id + "/revoke", adminCookie, Map.of()).status()).isEqualTo(403);
        assertThat(console.form("/tokens/" + id + "/revoke", adminCookie, Map.of("_csrf", csrf)).status()).isEqualTo(303);
        assertThat(http.get("/v1/me", token.group(1)).status()).isEqualTo(401);

        TestHttp.Response bad = console.form("/tokens", adminCookie, Map.of("_csrf", csrf, "name", "x y", "roles", "root"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("validation_failed");
    }




}
