package io.carapulse.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.chat.ScriptedLlm;
import io.carapulse.core.support.OriginTool;
import io.carapulse.core.support.OriginTool.Seen;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every call the runtime makes tells the action who and what it is for ({@link ToolCallOrigin}): a plan
 * created, approved by someone else and executed over HTTP, whose verify step fails so that the write is
 * rolled back, shows the action its inverse capture, act, verify and rollback calls with the plan's
 * requester and approver; a chat read shows its requester and no approver.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.test.origin-tool", value = "true")
@Property(name = "carapulse.test.scripted-llm", value = "true")
class ToolCallOriginTest {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED", "HELD");

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject OriginTool tool;
    @Inject ScriptedLlm model;

    private TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        tool.reset();
        model.reset();
    }

    @Test
    void shouldTellEveryCallOfAnApprovedPlanItsPlanStepStageRequesterAndApprover() {
        TokenCreatedView oliver = tokens.create(Actor.SYSTEM, "oliver", List.of("operator"));
        TokenCreatedView bob = tokens.create(Actor.SYSTEM, "bob", List.of("approver"));
        String planId = http.post("/v1/plans", oliver.token(), """
                {"environment":"prod","summary":"set 5 and check for 99","steps":[
                  {"tool":"origin","action":"set","args":{"value":5}},
                  {"tool":"origin","action":"read","stage":"verify","args":{},
                   "assert":{"pointer":"/value","op":"eq","value":99}}]}""").json().get("id").asText();
        TestHttp.Response approval = http.post("/v1/plans/" + planId + "/approval", bob.token(),
                "{\"decision\":\"approve\"}");
        assertThat(approval.status()).as(approval.body()).isEqualTo(200);

        String executionId = http.post("/v1/plans/" + planId + "/execute", oliver.token(), "").json()
                .get("executionId").asText();
        assertThat(awaitEnd(executionId, oliver.token()).get("status").asText()).isEqualTo("ROLLED_BACK");

        List<Seen> seen = tool.seen();
        assertThat(seen).extracting(Seen::action).containsExactly("set", "set", "read", "set");
        assertThat(seen).extracting(Seen::inverse).containsExactly(true, false, false, false);
        assertThat(seen).allSatisfy(s -> assertThat(s.origin()).isPresent());
        List<ToolCallOrigin> origins = seen.stream().map(s -> s.origin().orElseThrow()).toList();
        assertThat(origins).extracting(ToolCallOrigin::stage)
                .containsExactly(ToolCallOrigin.INVERSE, ToolCallOrigin.ACT, ToolCallOrigin.VERIFY,
                        ToolCallOrigin.ROLLBACK);
        assertThat(origins).extracting(ToolCallOrigin::stepPosition).containsExactly(0, 0, 1, 0);
        assertThat(origins).allSatisfy(o -> {
            assertThat(o.planId()).isEqualTo(planId);
            assertThat(o.executionId()).isEqualTo(executionId);
            assertThat(o.environment()).isEqualTo("prod");
            assertThat(o.requester()).isEqualTo("token:" + oliver.id());
            assertThat(o.approver()).contains("token:" + bob.id());
        });
    }

    @Test
    void shouldTellAChatReadItsRequesterAndThatNobodyApprovedIt() {
        TokenCreatedView alice = tokens.create(Actor.SYSTEM, "alice", List.of("operator"));
        String session = http.post("/v1/sessions", alice.token(), "{\"environment\":\"prod\"}").json()
                .get("id").asText();
        model.calls("c1", "origin_read", "{}").says("the number is 1.");

        JsonNode turn = http.post("/v1/sessions/" + session + "/messages", alice.token(),
                "{\"text\":\"what is the number?\"}").json();

        JsonNode details = turn.get("messages").get(2).get("details");
        assertThat(tool.seen()).hasSize(1);
        ToolCallOrigin origin = tool.seen().get(0).origin().orElseThrow();
        assertThat(origin.planId()).isEqualTo(details.get("planId").asText());
        assertThat(origin.executionId()).isEqualTo(details.get("executionId").asText());
        assertThat(origin.stage()).isEqualTo(ToolCallOrigin.ACT);
        assertThat(origin.stepPosition()).isZero();
        assertThat(origin.environment()).isEqualTo("prod");
        assertThat(origin.requester()).isEqualTo("token:" + alice.id());
        assertThat(origin.approver()).isEqualTo(Optional.empty());
    }

    private JsonNode awaitEnd(String executionId, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = http.get("/v1/executions/" + executionId, token).json();
            if (ENDED.contains(e.get("status").asText())) {
                return e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ie);
            }
        }
        throw new AssertionError("execution " + executionId + " did not end");
    }
}
