package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract other parts rely on: paths, statuses, problem codes, and that bad input is
 * refused with a code and leaves nothing half-stored.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ApiContractTest {

    private static final String SCALE_WEB = "{\"environment\":\"prod\",\"summary\":\"scale web\",\"steps\":"
            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;
    @Inject AuditService audit;
    @Inject FakeWorld world;

    private TestHttp http;
    private String operator;
    private String approver;
    private String viewer;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        world.reset();
        world.deploy("web", 2);
    }

    @Test
    void shouldAnswerHealthAndMetricsWithoutAToken() {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        TestHttp.Response metrics = http.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void shouldRefuseCallsWithoutAValidToken() {
        TestHttp.Response none = http.get("/v1/plans", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.code()).isEqualTo("unauthenticated");
        assertThat(http.get("/v1/plans", "cpt_" + "x".repeat(43)).code()).isEqualTo("unauthenticated");
    }

    @Test
    void shouldDriveTheLoopOverHttp() {
        TestHttp.Response created = http.post("/v1/plans", operator, SCALE_WEB);
        assertThat(created.status()).isEqualTo(201);
        JsonNode plan = created.json();
        String id = plan.get("id").asText();
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.get("fingerprint").asText()).hasSize(64);
        assertThat(plan.at("/steps/0/class").asText()).isEqualTo("WRITE");
        assertThat(plan.at("/approval/status").asText()).isEqualTo("PENDING");

        assertThat(http.get("/v1/approvals?status=pending", approver).body()).contains(id);
        TestHttp.Response execute = http.post("/v1/plans/" + id + "/execute", operator, "");
        assertThat(execute.status()).isEqualTo(409);
        assertThat(execute.code()).isEqualTo("approval_required");

        TestHttp.Response decided = http.post("/v1/plans/" + id + "/approval", approver,
                "{\"decision\":\"approve\",\"note\":\"ok\",\"fingerprint\":\"" + plan.get("fingerprint").asText() + "\"}");
        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("status").asText()).isEqualTo("APPROVED");

        TestHttp.Response accepted = http.post("/v1/plans/" + id + "/execute", operator, "");
        assertThat(accepted.status()).isEqualTo(202);
        String executionId = accepted.json().get("executionId").asText();
        JsonNode execution = http.awaitExecution(executionId, viewer);
        assertThat(execution.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(http.get("/v1/executions/" + executionId + "/evidence", viewer).json()).hasSize(1);
        assertThat(http.get("/v1/plans/" + id, viewer).json().get("executionId").asText()).isEqualTo(executionId);
        assertThat(http.get("/v1/plans?status=succeeded&environment=prod", viewer).json().get("items"))
                .anySatisfy(p -> assertThat(p.get("id").asText()).isEqualTo(id));
        assertThat(http.get("/v1/audit?action=approval.decide&decision=allow", viewer).body()).contains(id);
        assertThat(http.get("/v1/audit/verify", viewer).json().get("ok").asBoolean()).isTrue();
        JsonNode listed = http.get("/v1/executions?plan=" + id + "&status=succeeded", viewer).json();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("next").isNull()).isTrue();
        assertThat(listed.at("/items/0/id").asText()).isEqualTo(executionId);
        assertThat(http.get("/metrics", null).body())
                .contains("carapulse_executions_ended_total{status=\"succeeded\"}")
                .contains("carapulse_plans_total{approval=\"true\",environment=\"prod\"}");
    }

    @Test
    void shouldResumeTheEventStreamAfterTheLastEventIdWithoutLossOrRepeats() {
        String id = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"read\",\"steps\":"
                + "[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"one\\ntwo\\nthree\"}}]}").json()
                .get("id").asText();
        String executionId = http.post("/v1/plans/" + id + "/execute", operator, "").json().get("executionId").asText();
        http.awaitExecution(executionId, viewer);

        String all = http.get("/v1/executions/" + executionId + "/events", viewer).body();
        List<String> ids = all.lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
        assertThat(ids).isNotEmpty();
        assertThat(all).contains("\"line\":\"one\"", "\"line\":\"three\"").contains("event: execution.finished");

        String rest = http.get("/v1/executions/" + executionId + "/events", viewer, "Last-Event-ID", "3").body();
        List<String> restIds = rest.lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
        assertThat(restIds).isEqualTo(ids.subList(3, ids.size()));
    }

    @Test
    void shouldRefuseMalformedJsonWithACodeAndStoreNothing() {
        var before = plans.list(null, null, null, null, 1).items();

        TestHttp.Response broken = http.send("POST", "/v1/plans", operator, "application/json", "{\"environment\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.code()).isEqualTo("malformed_request");
        assertThat(broken.body()).doesNotContain("Exception").doesNotContain("at io.");

        TestHttp.Response unknownField = http.post("/v1/plans", operator, SCALE_WEB.replace("\"summary\"",
                "\"sneaky\":true,\"summary\""));
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.code()).isEqualTo("validation_failed");
        assertThat(unknownField.body()).contains("sneaky");

        assertThat(plans.list(null, null, null, null, 1).items()).isEqualTo(before);
    }

    @Test
    void shouldRefuseSchemaInvalidArgumentsUnknownToolsAndUnknownEnvironments() {
        var before = plans.list(null, null, null, null, 1).items();

        TestHttp.Response badArgs = http.post("/v1/plans", operator, SCALE_WEB.replace("3}", "\"three\"}"));
        assertThat(badArgs.status()).isEqualTo(422);
        assertThat(badArgs.code()).isEqualTo("validation_failed");
        assertThat(badArgs.json().get("errors")).isNotEmpty();
        TestHttp.Response extraArg = http.post("/v1/plans", operator, SCALE_WEB.replace("\"replicas\":3",
                "\"replicas\":3,\"namespace\":\"kube-system\""));
        assertThat(extraArg.code()).isEqualTo("validation_failed");
        assertThat(http.post("/v1/plans", operator, SCALE_WEB.replace("\"fake\"", "\"terraform\"")).code())
                .isEqualTo("unknown_tool");
        assertThat(http.post("/v1/plans", operator, SCALE_WEB.replace("\"scale\"", "\"delete\"")).code())
                .isEqualTo("unknown_action");
        TestHttp.Response env = http.post("/v1/plans", operator, SCALE_WEB.replace("\"prod\"", "\"moon\""));
        assertThat(env.status()).isEqualTo(422);
        assertThat(env.code()).isEqualTo("environment_not_allowed");

        assertThat(plans.list(null, null, null, null, 1).items()).isEqualTo(before);
        assertThat(audit.list(new AuditFilter(null, "plan.create", io.carapulse.core.audit.Decision.DENY, null, null,
                null), 50).items()).extracting(a -> a.reason())
                .contains("validation_failed", "unknown_tool", "unknown_action", "environment_not_allowed");
    }

    @Test
    void shouldRefuseABodyOverOneMebibyte() {
        String huge = SCALE_WEB.replace("scale web", "x".repeat(1_100_000));
        TestHttp.Response r = http.post("/v1/plans", operator, huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("payload_too_large");
    }

    @Test
    void shouldAnswerUnknownRoutesAndMethodsWithProblems() {
        assertThat(http.get("/v1/plans/pln_nope", viewer).code()).isEqualTo("not_found");
        assertThat(http.get("/v1/executions/exe_nope", viewer).status()).isEqualTo(404);
        assertThat(http.get("/v1/nothing-here", viewer).code()).isEqualTo("not_found");
        TestHttp.Response method = http.send("DELETE", "/v1/plans", viewer, null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("method_not_allowed");
        assertThat(http.get("/v1/plans?limit=100000", viewer).code()).isEqualTo("validation_failed");
        TestHttp.Response notANumber = http.get("/v1/plans?limit=ten", viewer);
        assertThat(notANumber.code()).isEqualTo("malformed_request");
        assertThat(notANumber.json().get("detail").asText()).as("in the client's terms, not the parser's")
                .isEqualTo("limit: expected a whole number, not 'ten'");
        assertThat(http.get("/v1/runbooks/scale-service?version=two", viewer).json().get("detail").asText())
                .isEqualTo("version: expected a whole number, not 'two'");
    }

    @Test
    void shouldForbidAViewerFromWriting() {
        TestHttp.Response r = http.post("/v1/plans", viewer, SCALE_WEB);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
    }

    @Test
    void shouldEditStepsAndCancelOverHttp() {
        JsonNode plan = http.post("/v1/plans", operator, SCALE_WEB).json();
        String id = plan.get("id").asText();
        TestHttp.Response edited = http.put("/v1/plans/" + id + "/steps", operator,
                "{\"steps\":[{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}}]}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("status").asText()).isEqualTo("READY");
        assertThat(edited.json().get("fingerprint").asText()).isNotEqualTo(plan.get("fingerprint").asText());
        assertThat(edited.json().at("/approval/status").asText()).isEqualTo("VOIDED");

        assertThat(http.post("/v1/plans/" + id + "/cancel", operator, "").json().get("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(http.post("/v1/plans/" + id + "/execute", operator, "").code()).isEqualTo("invalid_state");
    }

    @Test
    void shouldListToolsWithClassesSchemasAndTransports() {
        JsonNode tools = http.get("/v1/tools", viewer).json();
        JsonNode fake = null;
        for (JsonNode t : tools) {
            if (t.get("name").asText().equals("fake")) {
                fake = t;
            }
        }
        assertThat(fake).as("the fake tool is in the catalog").isNotNull();
        assertThat(fake.get("name").asText()).isEqualTo("fake");
        assertThat(fake.get("transports").toString()).isEqualTo("[\"local\"]");
        assertThat(fake.get("actions").findValuesAsText("qualifiedName")).contains("fake.scale", "fake.patch");
        assertThat(http.get("/v1/tools/fake", viewer).json().get("actions").get(0).has("argumentSchema")).isTrue();
        assertThat(http.get("/v1/tools/nope", viewer).code()).isEqualTo("not_found");
    }

}
