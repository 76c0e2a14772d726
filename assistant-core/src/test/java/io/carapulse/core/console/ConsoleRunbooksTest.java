package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's runbooks, schedules and standing approvals over HTTP: the catalog with the files that
 * are not valid, a run from a runbook's page that lands on its plan (which shows where it came from),
 * a refused run shown again with its problem, no run form for a viewer and no run from a forged post,
 * pausing a schedule, revoking a standing approval, and a plan a standing approval approved saying so.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRunbooksTest implements TestPropertyProvider {

    private static final Pattern PLAN_LOCATION = Pattern.compile("^/plans/([A-Za-z0-9_-]+)$");

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld world;

    private Path dir;
    private TestHttp http;
    private ConsoleClient console;
    private String admin;
    private String operator;
    private String approver;
    private String operatorCookie;
    private String viewerCookie;
    private String approverCookie;
    private String name;

    @Override
    public Map<String, String> getProperties() {
        try {
            dir = Files.createTempDirectory("carapulse-console-runbooks");
            Files.writeString(dir.resolve("broken.yaml"), "name: broken\nsteps: 3\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("carapulse.testkit.fake-tools", "true",
                "carapulse.runbooks.directories", dir.toString(),
                "carapulse.runbooks.reload-interval", "1h",
                "carapulse.environments.prod.guard-rails.standing-approval-max", "1d");
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        console = new ConsoleClient(http);
        admin = tokens.create(Actor.SYSTEM, "crb-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "crb-operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "crb-approver", List.of("approver")).token();
        operatorCookie = console.signIn(operator);
        approverCookie = console.signIn(approver);
        viewerCookie = console.signIn(tokens.create(Actor.SYSTEM, "crb-viewer", List.of("viewer")).token());
        name = "console-scale-" + Long.toString(System.nanoTime(), 36);
        world.deploy("web", 2);
        String yaml = String.join("\n",
                "name: " + name,
                "description: Scale a <b>fake</b> deployment",
                "environments: [prod]",
                "parameters:",
                "  name: {type: string, pattern: \"[a-z0-9-]{1,40}\"}",
                "  replicas: {type: integer, minimum: 1, maximum: 10}",
                "  note: {type: string, required: false}",
                "summary: \"Scale ${params.name} to ${params.replicas}\"",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}",
                "");
        TestHttp.Response defined = http.send("POST", "/v1/runbooks", admin, "application/yaml", yaml);
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    }

    private TestHttp.Response runForm(String cookie, String csrf, String replicas) {
        return console.form("/runbooks/" + name + "/runs", cookie, Map.of("_csrf", csrf, "environment", "prod",
                "p.name", "web", "p.replicas", replicas, "p.note", ""));
    }

    private List<String> plansOf(String token) {
        String me = http.get("/v1/me", token).json().get("subject").asText();
        JsonNode items = http.get("/v1/plans?requester=" + me + "&limit=100", admin).json().get("items");
        return items.findValuesAsText("id");
    }

    @Test
    void shouldListTheBuiltInsTheDefinedRunbookAndInvalidFiles() {
        TestHttp.Response page = console.page("/runbooks", viewerCookie);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/runbooks\"", "href=\"/schedules\"",
                "scale-service", "restart-workload", "builtin", "href=\"/runbooks/" + name + "\"",
                "Scale a &lt;b&gt;fake&lt;/b&gt; deployment", dir.resolve("broken.yaml").toString())
                .doesNotContain("<b>fake</b>");

        TestHttp.Response runbook = console.page("/runbooks/scale-service", viewerCookie);
        assertThat(runbook.status()).isEqualTo(200);
        assertThat(runbook.body()).contains("kubectl.scale", "kubectl.rollout-status", "deployment", "statefulset");
        assertThat(console.page("/runbooks/no-such-runbook", viewerCookie).status()).isEqualTo(404);
    }

    @Test
    void shouldRunFromTheRunbookPageAndShowTheOriginOnThePlan() {
        TestHttp.Response page = console.page("/runbooks/" + name, operatorCookie);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"run\"", "<option value=\"prod\"", "type=\"number\"",
                "name=\"p.replicas\"", "for=\"param-replicas\"").doesNotContain("<option value=\"dev\"");

        TestHttp.Response run = runForm(operatorCookie, ConsoleClient.csrf(page), "3");
        assertThat(run.status()).as(run.body()).isEqualTo(303);
        Matcher location = PLAN_LOCATION.matcher(run.headers().firstValue("location").orElseThrow());
        assertThat(location.matches()).isTrue();
        String planId = location.group(1);
        JsonNode origin = http.get("/v1/plans/" + planId, operator).json().get("origin");
        assertThat(origin.at("/params/replicas").isInt()).as(origin.toString()).isTrue();
        assertThat(origin.at("/params/replicas").asInt()).isEqualTo(3);
        assertThat(origin.get("params").has("note")).as("a blank optional field is left out").isFalse();

        TestHttp.Response plan = console.page("/plans/" + planId, operatorCookie);
        assertThat(plan.body()).contains("From runbook", "href=\"/runbooks/" + name + "\"", "version <span>1</span>",
                "<code>replicas</code>", "<code>3</code>", "<code>&quot;web&quot;</code>", "the API or the console");
    }

    @Test
    void shouldShowTheFormAgainWithTheProblemAndMakeNoPlan() {
        String csrf = ConsoleClient.csrf(console.page("/runbooks/" + name, operatorCookie));
        TestHttp.Response tooMany = runForm(operatorCookie, csrf, "11");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("validation_failed", "params.replicas", "must be at most 10", "id=\"run\"",
                "value=\"11\"");

        TestHttp.Response notANumber = runForm(operatorCookie, csrf, "three");
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.body()).contains("params.replicas", "must be a whole number, not &#39;three&#39;");
        assertThat(plansOf(operator)).isEmpty();
    }

    @Test
    void shouldShowAViewerNoRunFormAndRefuseForgedRuns() {
        TestHttp.Response page = console.page("/runbooks/" + name, viewerCookie);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<code>replicas</code>").doesNotContain("id=\"run\"");

        TestHttp.Response asViewer = runForm(viewerCookie, ConsoleClient.csrf(page), "3");
        assertThat(asViewer.status()).isEqualTo(403);
        TestHttp.Response forged = console.form("/runbooks/" + name + "/runs", operatorCookie,
                Map.of("environment", "prod", "p.name", "web", "p.replicas", "3"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        TestHttp.Response genuine = runForm(operatorCookie, ConsoleClient.csrf(console.page("/runbooks/" + name,
                operatorCookie)), "3");
        assertThat(genuine.status()).as("the genuine post works").isEqualTo(303);
        assertThat(plansOf(operator)).hasSize(1);
    }

    @Test
    void shouldListSchedulesAndLetTheCreatorPauseOne() {
        TestHttp.Response created = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"params\":{\"name\":\"web\",\"replicas\":2},\"cron\":\"0 0 3 * * *\",\"timeZone\":\"Europe/Berlin\","
                + "\"overlap\":\"skip\",\"misfire\":\"skip\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        TestHttp.Response list = console.page("/schedules", viewerCookie);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/schedules/" + id + "\"", name, "0 0 3 * * *", "Europe/Berlin", "enabled");
        TestHttp.Response asViewer = console.page("/schedules/" + id, viewerCookie);
        assertThat(asViewer.body()).contains("It has not fired yet.").doesNotContain("/schedules/" + id + "/pause");
        assertThat(console.form("/schedules/" + id + "/pause", viewerCookie, Map.of("_csrf", ConsoleClient.csrf(asViewer)))
                .status()).isEqualTo(403);
        assertThat(console.page("/runbooks/" + name, viewerCookie).body()).contains("href=\"/schedules/" + id + "\"");

        TestHttp.Response mine = console.page("/schedules/" + id, operatorCookie);
        assertThat(mine.body()).contains("action=\"/schedules/" + id + "/pause\"");
        assertThat(console.form("/schedules/" + id + "/pause", operatorCookie, Map.of()).status()).isEqualTo(403);
        assertThat(http.get("/v1/schedules/" + id, operator).json().get("enabled").asBoolean()).isTrue();
        TestHttp.Response paused = console.form("/schedules/" + id + "/pause", operatorCookie,
                Map.of("_csrf", ConsoleClient.csrf(mine)));
        assertThat(paused.status()).isEqualTo(303);
        assertThat(http.get("/v1/schedules/" + id, operator).json().get("enabled").asBoolean()).isFalse();
        assertThat(console.page("/schedules/" + id, operatorCookie).body()).contains("paused", "Resume",
                "action=\"/schedules/" + id + "/resume\"");
    }

    @Test
    void shouldShowAScheduleFiresWithThePlanOrWhyNone() throws Exception {
        TestHttp.Response created = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"params\":{\"name\":\"web\",\"replicas\":2},\"cron\":\"* * * * * *\",\"timeZone\":\"UTC\","
                + "\"overlap\":\"skip\",\"misfire\":\"skip\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode fires = http.get("/v1/schedules/" + id, operator).json().path("fires");
        for (int i = 0; i < 300 && !(fires.findValuesAsText("outcome").contains("planned")
                && fires.findValuesAsText("outcome").contains("skipped")); i++) {
            Thread.sleep(50);
            fires = http.get("/v1/schedules/" + id, operator).json().path("fires");
        }
        assertThat(http.post("/v1/schedules/" + id + "/pause", operator, "").status()).isEqualTo(200);
        String planId = fires.findValuesAsText("planId").get(0);

        TestHttp.Response page = console.page("/schedules/" + id, viewerCookie);
        Matcher table = Pattern.compile("(?s)<table[^>]*id=\"fires\".*?</table>").matcher(page.body());
        assertThat(table.find()).as("a table of fires").isTrue();
        assertThat(table.group()).contains("planned", "href=\"/plans/" + planId + "\"", "skipped", "overlap");
        assertThat(console.page("/plans/" + planId, viewerCookie).body())
                .contains("run by", "href=\"/schedules/" + id + "\"");
    }

    @Test
    void shouldSayAStandingApprovalApprovedAPlanAndRevokeItFromTheConsole() {
        TestHttp.Response granted = http.post("/v1/standing-approvals", approver, "{\"runbook\":\"" + name
                + "\",\"environment\":\"prod\",\"bounds\":{\"replicas\":{\"maximum\":6}},\"duration\":\"8h\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        String id = granted.json().get("id").asText();
        String grantor = http.get("/v1/me", approver).json().get("subject").asText();

        TestHttp.Response run = runForm(operatorCookie, ConsoleClient.csrf(console.page("/runbooks/" + name, operatorCookie)), "4");
        assertThat(run.status()).as(run.body()).isEqualTo(303);
        TestHttp.Response plan = console.page(run.headers().firstValue("location").orElseThrow(), operatorCookie);
        assertThat(plan.body()).contains("Approved by standing approval", id, "granted by <span>" + grantor + "</span>");

        TestHttp.Response list = console.page("/standing-approvals", viewerCookie);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id, "active", "&quot;maximum&quot; : 6").doesNotContain("/revoke");
        assertThat(console.page("/runbooks/" + name, viewerCookie).body()).contains(id);

        TestHttp.Response mine = console.page("/standing-approvals", approverCookie);
        assertThat(mine.body()).contains("action=\"/standing-approvals/" + id + "/revoke\"");
        assertThat(console.form("/standing-approvals/" + id + "/revoke", approverCookie, Map.of()).status()).isEqualTo(403);
        TestHttp.Response revoked = console.form("/standing-approvals/" + id + "/revoke", approverCookie,
                Map.of("_csrf", ConsoleClient.csrf(mine)));
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(http.get("/v1/standing-approvals/" + id, approver).json().get("status").asText()).isEqualTo("revoked");
        assertThat(console.page("/standing-approvals", approverCookie).body()).contains("revoked")
                .doesNotContain("action=\"/standing-approvals/" + id + "/revoke\"");
    }
}
