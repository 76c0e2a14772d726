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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standing approvals: an approver authorises a runbook version's plans within parameter bounds for a
 * limited time, where the environment allows it. A run inside the bounds is approved by it (recorded
 * as such) and starts; one outside, one by the grantor, or one after the runbook changed needs a
 * person; revoking it puts the plans it approved but nobody ran back in front of a person.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.environments.ops.request-roles", value = "operator")
@Property(name = "carapulse.environments.ops.approve-roles", value = "approver")
@Property(name = "carapulse.environments.ops.execute-roles", value = "operator")
@Property(name = "carapulse.environments.ops.guard-rails.standing-approval-max", value = "7d")
@Property(name = "carapulse.environments.held.request-roles", value = "operator")
@Property(name = "carapulse.environments.held.approve-roles", value = "approver")
@Property(name = "carapulse.environments.held.execute-roles", value = "admin")
@Property(name = "carapulse.environments.held.guard-rails.standing-approval-max", value = "1d")
class StandingApprovalTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject io.carapulse.testkit.fake.FakeWorld world;

    private TestHttp http;
    private String admin;
    private String operator;
    private String approver;
    private String name;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "sa-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "sa-operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "sa-approver", List.of("approver")).token();
        name = "standing-" + Long.toString(System.nanoTime(), 36);
        world.deploy("web", 2);
        define(10);
    }

    private void define(int max) {
        String yaml = String.join("\n", "name: " + name, "description: scale", "summary: \"scale to ${params.replicas}\"",
                "parameters:", "  replicas: {type: integer, minimum: 1, maximum: " + max + "}",
                "steps:", "  - tool: fake", "    action: scale", "    args: {name: web, replicas: \"${params.replicas}\"}", "");
        assertThat(http.send("POST", "/v1/runbooks", admin, "application/yaml", yaml).status()).isLessThan(300);
    }

    private TestHttp.Response grant(String token, String env, String duration, String bounds) {
        return http.post("/v1/standing-approvals", token, "{\"runbook\":\"" + name + "\",\"environment\":\"" + env
                + "\",\"bounds\":" + bounds + ",\"duration\":\"" + duration + "\",\"note\":\"routine scaling\"}");
    }

    private JsonNode run(String token, String env, int replicas) {
        TestHttp.Response r = http.post("/v1/runbooks/" + name + "/runs", token,
                "{\"environment\":\"" + env + "\",\"params\":{\"replicas\":" + replicas + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void shouldAuthoriseRunsInsideTheBoundsAndRecordItAsSuch() {
        TestHttp.Response granted = grant(approver, "ops", "8h", "{\"replicas\":{\"minimum\":2,\"maximum\":6}}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("status").asText()).isEqualTo("active");
        String standingId = granted.json().get("id").asText();

        JsonNode inside = run(operator, "ops", 4);
        assertThat(inside.at("/plan/status").asText()).isEqualTo("APPROVED");
        assertThat(inside.at("/plan/approval/decidedBy").asText()).startsWith("token:");
        JsonNode execution = http.awaitExecution(inside.get("executionId").asText(), operator);
        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(4);
        assertThat(execution.get("approvedVia").asText()).isEqualTo("standing");
        assertThat(execution.get("standingApprovalId").asText()).isEqualTo(standingId);
        JsonNode audit = http.get("/v1/audit?action=approval.standing&subjectId=" + inside.at("/plan/id").asText(), admin).json();
        assertThat(audit.toString()).contains(standingId);

        assertThat(run(operator, "ops", 7).at("/plan/status").asText()).as("outside the bounds").isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void shouldNotLetTheGrantorAuthoriseTheirOwnRuns() {
        String both = tokens.create(Actor.SYSTEM, "sa-both", List.of("operator", "approver")).token();
        assertThat(grant(both, "ops", "1h", "{\"replicas\":{\"enum\":[3]}}").status()).isEqualTo(201);
        assertThat(run(both, "ops", 3).at("/plan/status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(run(operator, "ops", 3).at("/plan/status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void shouldBeVoidedByANewRunbookVersion() {
        String id = grant(approver, "ops", "8h", "{\"replicas\":{\"maximum\":6}}").json().get("id").asText();
        define(12);
        JsonNode voided = http.get("/v1/standing-approvals/" + id, operator).json();
        assertThat(voided.get("status").asText()).isEqualTo("voided");
        assertThat(voided.get("endReason").asText()).contains("version 2");
        assertThat(run(operator, "ops", 4).at("/plan/status").asText()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void shouldPutUnusedApprovalsBackInFrontOfAPersonWhenRevoked() {
        String id = grant(approver, "held", "2h", "{\"replicas\":{\"maximum\":6}}").json().get("id").asText();
        JsonNode waiting = run(operator, "held", 2);
        assertThat(waiting.at("/plan/status").asText()).isEqualTo("APPROVED");
        assertThat(waiting.has("executionId")).as("the operator may not execute in held").isFalse();
        assertThat(waiting.get("note").asText()).contains("standing approval");

        TestHttp.Response revoked = http.post("/v1/standing-approvals/" + id + "/revoke", approver, "");
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        JsonNode plan = http.get("/v1/plans/" + waiting.at("/plan/id").asText(), operator).json();
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.at("/approval/status").asText()).isEqualTo("PENDING");
    }

    @Test
    void shouldNotCoverAPlanWhoseStepsWereEditedAfterItApproved() {
        assertThat(grant(approver, "held", "2h", "{\"replicas\":{\"maximum\":6}}").status()).isEqualTo(201);
        JsonNode approved = run(operator, "held", 2);
        String planId = approved.at("/plan/id").asText();
        assertThat(approved.at("/plan/status").asText()).isEqualTo("APPROVED");

        // S2: the standing approval approved those steps, not these
        TestHttp.Response edited = http.put("/v1/plans/" + planId + "/steps", operator,
                "{\"steps\":[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":60}}]}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(edited.json().at("/approval/status").asText()).isEqualTo("PENDING");
        String admin2 = tokens.create(Actor.SYSTEM, "sa-executor", List.of("admin")).token();
        assertThat(http.post("/v1/plans/" + planId + "/execute", admin2, "").code()).isEqualTo("approval_required");
    }

    @Test
    void shouldRefuseWhatTheEnvironmentOrTheRunbookDoesNotAllow() {
        TestHttp.Response nowhere = grant(approver, "prod", "1h", "{\"replicas\":{\"maximum\":6}}");
        assertThat(nowhere.status()).isEqualTo(403);
        assertThat(nowhere.body()).contains("allows no standing approvals");
        TestHttp.Response tooLong = grant(approver, "held", "2d", "{\"replicas\":{\"maximum\":6}}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().at("/errors/0/path").asText()).isEqualTo("duration");
        TestHttp.Response unknown = grant(approver, "ops", "1h", "{\"size\":{\"maximum\":6}}");
        assertThat(unknown.json().at("/errors/0/path").asText()).isEqualTo("bounds.size");
        TestHttp.Response badEnum = grant(approver, "ops", "1h", "{\"replicas\":{\"enum\":[\"3\"]}}");
        assertThat(badEnum.json().at("/errors/0/path").asText()).isEqualTo("bounds.replicas.enum[0]");
        assertThat(grant(operator, "ops", "1h", "{\"replicas\":{\"maximum\":6}}").status()).isEqualTo(403);
    }
}
