package io.carapulse.core.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (Debian's chromium driven by Playwright, no browser download) against
 * the packaged server: people sign in, a requester's plan waits in an approver's inbox, the approver
 * approves it, the execution goes to SUCCEEDED on the page without a reload, a viewer cannot decide,
 * attacker-controlled text stays text, forged posts are refused, signing out ends the session.
 *
 * <p>Skipped when there is no chromium, unless {@code CARAPULSE_REQUIRE_BROWSER=true} (set by
 * {@code .ci/run}, which installs it). Screenshots go to {@code target/console-screenshots}, or to the
 * directory of {@code -Dcarapulse.console.screenshots=…} (docs/console.md regenerates its pictures so).
 */
class ConsoleBrowserIT {

    private static final String SUMMARY = "Scale web <img src=x onerror=alert('summary')> <script>alert('s')</script>";
    private static final String OUTPUT = "<script>alert('output')</script>";

    private static Path home;
    private static MockOAuth2Server oidc;
    private static FakeModelServer model;
    private static PackagedServer server;
    private static Playwright playwright;
    private static Browser browser;
    private static Path shots;
    private static String requester;
    private static String approver;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "true".equals(System.getenv("CARAPULSE_REQUIRE_BROWSER"));
        Assumptions.assumeTrue(required || Files.isExecutable(TestMachine.CHROMIUM),
                "no chromium at " + TestMachine.CHROMIUM + " (apt-get install chromium); CARAPULSE_REQUIRE_BROWSER=true makes this a failure");
        home = Files.createTempDirectory("carapulse-console");
        // an OIDC provider with mock-oauth2-server's interactive sign-in page: a person types a subject and claims
        oidc = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\":true}"));
        oidc.start(InetAddress.getByName("127.0.0.1"), 0);
        // a model that answers in the OpenAI Chat Completions stream format, scripted per test
        model = FakeModelServer.start();
        Path config = home.resolve("console-oidc.yml");
        Files.writeString(config, String.join("\n",
                "carapulse:",
                "  auth:",
                "    oidc:",
                "      issuer: " + oidc.issuerUrl("default"),
                "      audience: carapulse-api",
                "      role-mapping:",
                "        requesters: [operator]",
                "        approvers: [approver]",
                "  console:",
                "    oidc:",
                "      enabled: true",
                "      client-id: carapulse-console",
                "      client-secret: console-secret",
                "  llm:",
                "    provider: openai",
                "    base-url: " + model.openAiBaseUrl(),
                "    api-key: env:CONSOLE_TEST_MODEL_KEY", ""));
        server = new PackagedServer(home).start(Map.of("MICRONAUT_CONFIG_FILES", config.toString(),
                "CONSOLE_TEST_MODEL_KEY", "sk-console-browser-test"));
        String admin = server.adminToken();
        requester = token(admin, "requester", "operator");
        approver = token(admin, "approver", "approver");
        viewer = token(admin, "viewer", "viewer");

        playwright = TestMachine.playwright();
        browser = TestMachine.chromium(playwright);
        shots = Path.of(System.getProperty("carapulse.console.screenshots", "target/console-screenshots"));
        Files.createDirectories(shots);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
        if (oidc != null) {
            oidc.shutdown();
        }
        if (model != null) {
            model.close();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldTakeAPlanFromInboxToApprovalToALiveExecutionAndItsEvidence() throws Exception {
        String planId = plan(SUMMARY, "[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":" + quoted(OUTPUT) + "}},"
                + "{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":3000}}]");
        List<String> dialogs = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            });
            signInWithToken(page, approver);

            Locator waiting = page.locator("#waiting");
            assertThat(waiting.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(SUMMARY))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("home.png")).setFullPage(true));

            waiting.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(SUMMARY)).click();
            assertThat(page.locator("h1#summary")).hasText(SUMMARY);
            assertThat(page.locator("#plan-status")).hasText("AWAITING_APPROVAL");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("plan.png")).setFullPage(true));

            page.getByLabel("Note (optional)").fill("checked the dashboards");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("approved");
            assertThat(page.locator("#plan-status")).hasText("APPROVED");

            // the requester starts it; the approver watches it live, without reloading
            String executionId = server.json("POST", "/v1/plans/" + planId + "/execute", requester, null)
                    .get("executionId").asText();
            page.navigate(server.base() + "/executions/" + executionId);
            assertThat(page.locator("#execution-status")).not().hasText("SUCCEEDED");
            assertThat(page.locator("#execution-status")).hasText("SUCCEEDED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.locator("pre.evidence-excerpt").first()).hasText(OUTPUT);
            assertThat(page.locator("article.evidence").first()).containsText("fake.echo");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("execution.png")).setFullPage(true));
        }
        assertThat(dialogs).as("no script from a plan summary or tool output ran").isEmpty();
    }

    @Test
    void shouldShowAViewerNoDecisionAndRefuseTheirPostEvenWithTheirCsrfToken() throws Exception {
        String planId = plan("Restart payments", "[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":10}}]");
        String link = server.json("POST", "/v1/console/links", viewer, "").get("url").asText();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(link);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this link")).click();
            assertThat(page.locator("header .who")).containsText("viewer");
            page.navigate(server.base() + "/plans/" + planId);
            assertThat(page.locator("h1#summary")).hasText("Restart payments");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))).hasCount(0);

            String csrf = page.locator("input[name=_csrf]").first().inputValue();
            String fingerprint = page.locator("code.fingerprint").innerText();
            var refused = page.request().post(server.base() + "/plans/" + planId + "/decision", RequestOptions.create()
                    .setForm(FormData.create().set("_csrf", csrf).set("decision", "approve").set("fingerprint", fingerprint)));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).contains("needs one of the roles");

            // the link worked once: in a fresh browser it no longer signs anyone in
            try (BrowserContext other = browser.newContext()) {
                Page second = other.newPage();
                second.navigate(link);
                second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this link")).click();
                assertThat(second.getByRole(AriaRole.ALERT)).containsText("has been used");
            }
        }
        assertThat(server.json("GET", "/v1/plans/" + planId, viewer, null).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void shouldRefuseAPostWithoutTheCsrfTokenAndEndTheSessionOnSignOut() throws Exception {
        String planId = plan("Rotate keys", "[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":10}}]");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            signInWithToken(page, approver);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("home-phone.png")).setFullPage(true));
            page.navigate(server.base() + "/plans/" + planId);
            String fingerprint = page.locator("code.fingerprint").innerText();

            var forged = page.request().post(server.base() + "/plans/" + planId + "/decision", RequestOptions.create()
                    .setForm(FormData.create().set("decision", "approve").set("fingerprint", fingerprint)));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(server.json("GET", "/v1/plans/" + planId, approver, null).get("status").asText())
                    .isEqualTo("AWAITING_APPROVAL");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL("**/login");
            page.navigate(server.base() + "/plans/" + planId);
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?next=.*"));
        }
    }

    @Test
    void shouldSignPeopleInThroughTheIdentityProviderAndLetTheApproverDecideFromTheInbox() throws Exception {
        try (BrowserContext requesterBrowser = browser.newContext(); BrowserContext approverBrowser = browser.newContext()) {
            Page rita = requesterBrowser.newPage();
            signInWithProvider(rita, "rita", "{\"email\":\"rita@example.com\",\"email_verified\":true,\"groups\":[\"requesters\"]}");
            assertThat(rita.locator("header .who")).containsText("rita@example.com");
            assertThat(rita.locator("header .who")).containsText("operator");

            // rita asks for a change through the API, with a token from the same provider
            String ritaJwt = oidc.issueToken("default", "rita", "carapulse-api",
                    Map.of("email", "rita@example.com", "email_verified", true, "groups", List.of("requesters")), 3600).serialize();
            JsonNode plan = server.json("POST", "/v1/plans", ritaJwt, "{\"environment\":\"dev\",\"summary\":\"Drain node 7\","
                    + "\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":1500}}]}");
            assertThat(plan.get("requester").asText()).isEqualTo("oidc:rita");

            Page adam = approverBrowser.newPage();
            signInWithProvider(adam, "adam", "{\"email\":\"adam@example.com\",\"email_verified\":true,\"groups\":[\"approvers\"]}");
            adam.navigate(server.base() + "/approvals");
            adam.locator("#approvals").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Drain node 7")).click();
            adam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(adam.locator("#plan-status")).hasText("APPROVED");

            rita.navigate(server.base() + "/plans/" + plan.get("id").asText());
            rita.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Execute")).click();
            assertThat(rita.locator("#execution-status")).hasText("SUCCEEDED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));

            // signing out ends the session here and at the provider (RP-initiated logout), then back to sign-in
            rita.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            rita.waitForURL("**/login");
            rita.navigate(server.base() + "/");
            assertThat(rita).hasURL(java.util.regex.Pattern.compile(".*/login\\?next=%2F"));
        }
    }

    @Test
    void shouldStreamAChatTurnWithItsToolCallsAndShowTheProposedPlanAsACardToItsPage() throws Exception {
        String message = "why is web slow? <img src=x onerror=alert('message')>";
        String reply = "Echo came back; I proposed a plan. <script>alert('reply')</script>";
        model.reset();
        model.enqueue(
                ModelReply.toolCalls(ModelReply.call("call_1", "fake_echo", "{\"text\":" + quoted(OUTPUT) + "}")),
                // the second answer comes late, so the page shows the first call and its result while it waits
                ModelReply.toolCalls(ModelReply.call("call_2", "propose_plan", "{\"summary\":\"Scale web to 4\","
                        + "\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":10}}]}"))
                        .withDelay(Duration.ofMillis(2500)),
                ModelReply.text("Echo came back; ", "I proposed a plan. <script>alert('reply')</script>"));
        List<String> dialogs = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            });
            signInWithToken(page, requester);
            page.navigate(server.base() + "/chat");
            page.getByLabel("Title (optional)").fill("web latency");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start")).click();
            assertThat(page.locator("main#chat h1")).hasText("web latency");

            page.getByLabel("Message").fill(message);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
            // streamed: the read call and its result show while the model is still answering
            assertThat(page.locator("#live-calls li")).containsText("fake_echo: fake.echo → SUCCEEDED");
            assertThat(page.locator("#chat-status")).hasText("The model is answering…");
            assertThat(page.locator("#transcript li.pending .text")).hasText(message);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("chat-live.png")).setFullPage(true));

            // the finished turn, reloaded from the server: what anyone wrote is text, the plan is a card
            Locator transcript = page.locator("#transcript");
            assertThat(transcript.locator("li.message.assistant .text").last()).hasText(reply,
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(transcript.locator("li.message.user .text")).hasText(message);
            assertThat(page.locator("#transcript img")).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("chat.png")).setFullPage(true));

            // the read ran at once and links its execution; only the proposal is a plan to decide
            assertThat(transcript.locator("a.execution-link")).hasCount(1);
            assertThat(transcript.locator("a.plan-card")).hasCount(1);
            transcript.locator("a.plan-card").click();
            assertThat(page.locator("h1#summary")).hasText("Scale web to 4");
            assertThat(page.locator("#plan-status")).hasText("AWAITING_APPROVAL");
        }
        assertThat(dialogs).as("no script from a chat message or a model's reply ran").isEmpty();
        assertThat(model.requests()).hasSize(3);
        assertThat(model.requests().get(0).header("Authorization")).hasValue("Bearer sk-console-browser-test");
    }

    @Test
    void shouldRunARunbookFromItsFormAndShowWhereThePlanCameFrom() throws Exception {
        String runbook = String.join("\n", "name: echo-words", "description: Echo a word <b>a few</b> times",
                "parameters:", "  word: {type: string, pattern: \"[a-z]{1,20}\"}",
                "  times: {type: integer, minimum: 1, maximum: 3, default: 2}",
                "summary: \"Echo ${params.word}\"", "steps:", "  - tool: fake", "    action: echo",
                "    args: {text: \"${params.word}\", lines: \"${params.times}\"}", "");
        var defined = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/v1/runbooks"))
                .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/yaml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(runbook)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isIn(200, 201);
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            signInWithToken(page, requester);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Runbooks")).first().click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("echo-words")).click();
            assertThat(page.locator("main")).containsText("Echo a word <b>a few</b> times");

            // the browser itself holds back a number outside the parameter's bounds
            page.getByLabel("word (required)").fill("HELLO");
            page.getByLabel("times").fill("5");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make the plan")).click();
            assertThat((Boolean) page.getByLabel("times").evaluate("e => e.validity.rangeOverflow")).isTrue();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/runbooks/echo-words$"));

            // the server refuses what only it checks, names the parameter and keeps what was typed
            page.getByLabel("times").fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make the plan")).click();
            assertThat(page.locator("#refusal")).containsText("params.word");
            assertThat(page.getByLabel("word (required)")).hasValue("HELLO");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("runbook.png")).setFullPage(true));

            page.getByLabel("word (required)").fill("hello");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make the plan")).click();
            assertThat(page.locator("h1#summary")).hasText("Echo hello");
            assertThat(page.locator("#origin")).containsText("From runbook echo-words version 1");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("plan-from-runbook.png")).setFullPage(true));
        }
    }

    /** The console's single sign-on button, then the provider's own sign-in form. */
    private static void signInWithProvider(Page page, String subject, String claims) {
        page.navigate(server.base() + "/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with single sign-on")).click();
        page.locator("input[name=username]").fill(subject);
        page.locator("textarea[name=claims]").fill(claims);
        page.locator("input[type=submit]").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting for your decision"))).isVisible();
    }

    private static void signInWithToken(Page page, String token) {
        page.navigate(server.base() + "/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?next=%2F"));
        page.getByLabel("API token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting for your decision"))).isVisible();
    }

    private static String plan(String summary, String steps) throws Exception {
        JsonNode p = server.json("POST", "/v1/plans", requester,
                "{\"environment\":\"dev\",\"summary\":" + quoted(summary) + ",\"steps\":" + steps + "}");
        assertThat(p.has("id")).as(p.toString()).isTrue();
        return p.get("id").asText();
    }

    private static String token(String admin, String name, String role) throws Exception {
        return server.json("POST", "/v1/tokens", admin, "{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"]}")
                .get("token").asText();
    }

    private static String quoted(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
