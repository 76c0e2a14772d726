package io.carapulse.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runbooks through the API: defined by an admin as YAML, versioned by content, refused with the exact
 * path of each problem; run with strictly typed parameters that are substituted as JSON values (never
 * spliced into text), making a plan that carries its origin, waits for approval when it writes and runs
 * at once when it only reads.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class RunbookApiTest {

    private static final String YAML = "application/yaml";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private TestHttp http;
    private String admin;
    private String operator;
    private String approver;
    private String viewer;
    private String name;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "rb-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "rb-operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "rb-approver", List.of("approver")).token();
        viewer = tokens.create(Actor.SYSTEM, "rb-viewer", List.of("viewer")).token();
        name = "scale-fake-" + Long.toString(System.nanoTime(), 36);
    }

    private String scaleRunbook(int maxReplicas) {
        return String.join("\n",
                "name: " + name,
                "description: Scale a fake deployment",
                "environments: [prod]",
                "parameters:",
                "  name: {type: string, pattern: \"[a-z0-9-]{1,40}\"}",
                "  replicas: {type: integer, minimum: 1, maximum: " + maxReplicas + ", default: 2}",
                "  note: {type: string, required: false}",
                "summary: \"Scale ${params.name} to ${params.replicas}\"",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}",
                "verify:",
                "  - tool: fake",
                "    action: get",
                "    args: {name: \"${params.name}\"}",
                "");
    }

    @Test
    void shouldRecordANewVersionOnlyWhenTheContentChangesAndOnlyForAdmins() {
        TestHttp.Response refused = http.send("POST", "/v1/runbooks", operator, YAML, scaleRunbook(6));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("forbidden");

        TestHttp.Response first = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(6));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.json().get("source").asText()).isEqualTo("api");
        assertThat(first.json().at("/parameters/replicas/maximum").asInt()).isEqualTo(6);
        List<String> order = new ArrayList<>();
        http.get("/v1/runbooks/" + name, viewer).json().get("parameters").fieldNames().forEachRemaining(order::add);
        assertThat(order).as("parameters in the order they were declared").containsExactly("name", "replicas", "note");

        TestHttp.Response same = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(6));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("version").asInt()).isEqualTo(1);

        TestHttp.Response changed = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(8));
        assertThat(changed.status()).isEqualTo(201);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);

        assertThat(http.get("/v1/runbooks/" + name, viewer).json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/v1/runbooks/" + name + "?version=1", viewer).json().at("/parameters/replicas/maximum").asInt())
                .isEqualTo(6);
        JsonNode versions = http.get("/v1/runbooks/" + name + "/versions", viewer).json().get("items");
        assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(2, 1);
        assertThat(http.get("/v1/runbooks/" + name + "?version=9", viewer).status()).isEqualTo(404);

        assertThat(http.delete("/v1/runbooks/" + name, admin).status()).isEqualTo(204);
        assertThat(http.get("/v1/runbooks/" + name, viewer).status()).isEqualTo(404);
        assertThat(http.post("/v1/runbooks/" + name + "/runs", operator, "{\"environment\":\"prod\",\"params\":{\"name\":\"web\"}}")
                .status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAnInvalidRunbookNamingThePathOfEveryProblem() {
        String bad = String.join("\n",
                "name: " + name,
                "description: broken",
                "environments: [prod, nowhere]",
                "owner: me",
                "parameters:",
                "  replicas: {type: integer, minimum: 1, maximum: 5, default: 9}",
                "  mode: {type: text}",
                "summary: \"Scale ${params.nope}\"",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: \"web-${params.replicas}\", replicas: \"${params.count}\"}",
                "    revertAfter: soon",
                "  - tool: nosuchtool",
                "    action: x",
                "  - tool: fake",
                "    action: launch",
                "");
        TestHttp.Response r = http.send("POST", "/v1/runbooks", admin, YAML, bad);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_failed");
        List<String> paths = new ArrayList<>();
        r.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("owner", "environments[1]", "parameters.replicas.default", "parameters.mode.type",
                "summary", "steps[0].args.name", "steps[0].args.replicas", "steps[0].revertAfter", "steps[1].tool",
                "steps[2].action");
        assertThat(r.body()).contains("never part of a longer text", "no environment 'nowhere'", "must be at most 5");
        assertThat(http.get("/v1/runbooks/" + name, viewer).status()).as("nothing was recorded").isEqualTo(404);

        TestHttp.Response notYaml = http.send("POST", "/v1/runbooks", admin, YAML, "name: [unclosed");
        assertThat(notYaml.status()).isEqualTo(422);
        assertThat(notYaml.body()).contains("not valid YAML at line");
        TestHttp.Response twice = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(6) + "name: again\n");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("a key appears twice");
    }

    @Test
    void aTimeBoxedRunbookStepMakesATimeBoxedPlanStep() {
        String timeBoxed = scaleRunbook(6).replace("    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}\n",
                "    args: {name: \"${params.name}\", replicas: \"${params.replicas}\"}\n    revertAfter: 2h\n");
        assertThat(timeBoxed).contains("revertAfter: 2h");
        TestHttp.Response applied = http.send("POST", "/v1/runbooks", admin, YAML, timeBoxed);
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().at("/steps/0/revertAfter").asText()).isEqualTo("2h");

        TestHttp.Response ran = http.post("/v1/runbooks/" + name + "/runs", operator,
                "{\"environment\":\"prod\",\"params\":{\"name\":\"web\"}}");

        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        assertThat(ran.json().at("/plan/steps/0/revertAfter").asText()).isEqualTo("2h");
    }

    @Test
    void shouldBindParametersStrictlyAndSubstituteThemAsTypedValues() {
        assertThat(http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(6)).status()).isEqualTo(201);
        String runs = "/v1/runbooks/" + name + "/runs";

        TestHttp.Response text = http.post(runs, operator, "{\"environment\":\"prod\",\"params\":{\"name\":\"web\",\"replicas\":\"3\"}}");
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.json().at("/errors/0/path").asText()).isEqualTo("params.replicas");
        assertThat(text.json().at("/errors/0/message").asText()).contains("must be a whole number");

        TestHttp.Response many = http.post(runs, operator,
                "{\"environment\":\"prod\",\"params\":{\"name\":\"web; rm -rf /\",\"replicas\":7,\"extra\":1}}");
        assertThat(many.status()).isEqualTo(422);
        List<String> paths = new ArrayList<>();
        many.json().get("errors").forEach(e -> paths.add(e.get("path").asText() + " " + e.get("message").asText()));
        assertThat(paths).anyMatch(p -> p.startsWith("params.extra unknown"))
                .anyMatch(p -> p.startsWith("params.name must match"))
                .anyMatch(p -> p.startsWith("params.replicas must be at most 6"));

        TestHttp.Response missing = http.post(runs, operator, "{\"environment\":\"prod\",\"params\":{}}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/path").asText()).isEqualTo("params.name");

        TestHttp.Response elsewhere = http.post(runs, operator, "{\"environment\":\"staging\",\"params\":{\"name\":\"web\"}}");
        assertThat(elsewhere.code()).isEqualTo("environment_not_allowed");

        TestHttp.Response viewerRun = http.post(runs, viewer, "{\"environment\":\"prod\",\"params\":{\"name\":\"web\"}}");
        assertThat(viewerRun.status()).isEqualTo(403);

        TestHttp.Response ran = http.post(runs, operator, "{\"environment\":\"prod\",\"params\":{\"name\":\"web\"}}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        JsonNode plan = ran.json().get("plan");
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.get("summary").asText()).isEqualTo("Scale web to 2");
        assertThat(plan.at("/steps/0/args/replicas").isInt()).as("the default substituted as a number").isTrue();
        assertThat(plan.at("/steps/0/args/replicas").asInt()).isEqualTo(2);
        assertThat(plan.at("/steps/0/args").has("note")).isFalse();
        assertThat(plan.at("/steps/1/stage").asText()).isEqualTo("verify");
        assertThat(plan.get("origin").get("runbook").asText()).isEqualTo(name);
        assertThat(plan.get("origin").get("version").asInt()).isEqualTo(1);
        assertThat(plan.get("origin").get("trigger").asText()).isEqualTo("api");
        assertThat(plan.get("origin").get("params").toString()).isEqualTo("{\"name\":\"web\",\"replicas\":2}");
        assertThat(ran.json().has("executionId")).isFalse();
        assertThat(http.get("/v1/plans/" + plan.get("id").asText(), viewer).json().get("origin").get("runbook").asText())
                .isEqualTo(name);

        JsonNode audit = http.get("/v1/audit?action=plan.create&subjectId=" + plan.get("id").asText(), admin).json();
        assertThat(audit.toString()).contains("\"runbook\":\"" + name + "\"");
    }

    @Test
    void shouldStartARunThatOnlyReadsAtOnce() {
        String reads = String.join("\n",
                "name: " + name,
                "description: Read a fake deployment",
                "parameters:",
                "  name: {type: string, enum: [web, api]}",
                "summary: \"Look at ${params.name}\"",
                "steps:",
                "  - tool: fake",
                "    action: echo",
                "    args: {text: \"${params.name}\"}",
                "");
        assertThat(http.send("POST", "/v1/runbooks", admin, YAML, reads).status()).isEqualTo(201);

        TestHttp.Response ran = http.post("/v1/runbooks/" + name + "/runs", operator,
                "{\"environment\":\"prod\",\"params\":{\"name\":\"api\"}}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        String executionId = ran.json().get("executionId").asText();
        assertThat(http.awaitExecution(executionId, operator).get("status").asText()).isEqualTo("SUCCEEDED");

        TestHttp.Response notInEnum = http.post("/v1/runbooks/" + name + "/runs", operator,
                "{\"environment\":\"prod\",\"params\":{\"name\":\"db\"}}");
        assertThat(notInEnum.json().at("/errors/0/message").asText()).isEqualTo("must be one of [\"web\", \"api\"]");
    }

    @Test
    void shouldListTheBuiltInRunbooks() {
        JsonNode items = http.get("/v1/runbooks", viewer).json().get("items");
        List<String> names = new ArrayList<>();
        items.forEach(i -> names.add(i.get("name").asText() + ":" + i.get("source").asText()));
        assertThat(names).contains("scale-service:builtin", "restart-workload:builtin", "helm-release:builtin",
                "gitops-deploy:builtin", "incident-diagnosis:builtin");
        JsonNode helm = http.get("/v1/runbooks/helm-release", viewer).json();
        assertThat(helm.get("steps")).hasSize(2);
        assertThat(helm.at("/parameters/operation/enum").toString()).isEqualTo("[\"upgrade\",\"rollback\"]");

        TestHttp.Response takeOver = http.send("POST", "/v1/runbooks", admin, YAML,
                scaleRunbook(6).replace("name: " + name, "name: scale-service"));
        assertThat(takeOver.status()).isEqualTo(409);
        assertThat(takeOver.body()).contains("built in");
    }
}
