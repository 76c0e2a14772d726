package io.carapulse.cli;

import static io.carapulse.testkit.llm.ModelReply.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code chat} against a real server whose model is the fake OpenAI-compatible server: replies and
 * tool calls as they happen, proposed plans with their classes and the approval they need, scripted
 * input, the model's failures as exit 14.
 */
class ChatCliTest {

    static FakeModelServer model;
    static TestServer server;
    static Ctl alice;

    @BeforeAll
    static void start() throws Exception {
        model = FakeModelServer.start();
        Path key = Files.createTempFile("carapulse-chat-key", "");
        Files.writeString(key, "sk-chat-cli-test-not-a-real-key");
        server = TestServer.dedicated(chatServer(model, key));
        Ctl admin = Ctl.localTo(server);
        alice = Ctl.as(server, admin.run("token", "create", "alice", "--role", "operator,approver").out().strip());
    }

    /** The properties of a server that chats through {@code model}, with a {@code dev} where self-approval is allowed. */
    static Map<String, Object> chatServer(FakeModelServer model, Path key) {
        return Map.ofEntries(
                Map.entry("carapulse.llm.provider", "openai"),
                Map.entry("carapulse.llm.base-url", model.openAiBaseUrl()),
                Map.entry("carapulse.llm.model", "test-model"),
                Map.entry("carapulse.llm.api-key", "file:" + key),
                Map.entry("carapulse.environments.dev.description", "the developers' playground"),
                Map.entry("carapulse.environments.dev.request-roles", "operator"),
                Map.entry("carapulse.environments.dev.approve-roles", "approver"),
                Map.entry("carapulse.environments.dev.execute-roles", "operator"),
                Map.entry("carapulse.environments.dev.self-approval", "true"),
                Map.entry("carapulse.environments.dev.approval-ttl", "1h"),
                Map.entry("carapulse.environments.dev.approvals", "local"));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @BeforeEach
    void clean() {
        model.reset();
    }

    @Test
    void oneShotShowsTheToolCallsAsTheyRunAndTheAnswer() {
        model.enqueue(ModelReply.toolCalls(call("call_1", "fake_get", "{\"name\":\"web\"}")),
                ModelReply.text("web runs ", "2 replicas."));

        Ctl.Result r = alice.run("chat", "--env", "prod", "-m", "how is web?");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("↳ fake_get {\"name\":\"web\"}", "✓ fake.get → SUCCEEDED", "web runs 2 replicas.");
        assertThat(r.out().indexOf("↳ fake_get")).isLessThan(r.out().indexOf("web runs"));
        assertThat(r.out()).contains("2 replicas.\n— runtime: no change was made; ran fake.get (SUCCEEDED)");
    }

    @Test
    void aProposedPlanIsShownWithItsClassesAndTheApprovalItNeeds() {
        model.enqueue(ModelReply.toolCalls(call("call_1", "propose_plan", "{\"summary\":\"scale web to 3\",\"steps\":"
                        + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}")),
                ModelReply.text("I proposed a plan to scale web to 3."));

        Ctl.Result r = alice.run("chat", "--env", "prod", "-m", "scale web to 3");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fake.scale", "WRITE", "AWAITING_APPROVAL", "I proposed a plan");
        assertThat(r.err()).contains("It needs approval by someone else: assistantctl plan approve pln_");
    }

    @Test
    void jsonOutputIsTheTurn() {
        model.enqueue(ModelReply.text("fine.").withUsage(40, 2));

        Ctl.Result r = alice.run("chat", "--env", "prod", "-m", "ok?", "-o", "json");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode turn = r.json();
        assertThat(turn.get("ending").asText()).isEqualTo("completed");
        assertThat(turn.get("text").asText()).isEqualTo("fine.");
        assertThat(turn.at("/usage/inputTokens").asLong()).isEqualTo(40);
    }

    @Test
    void linesFromAPipeAreAConversationInOneSession() {
        model.enqueue(ModelReply.text("Hello."), ModelReply.text("Still here."));

        Ctl.Result r = alice.withStdin("hi\n\nare you there?\n/quit\n").run("chat", "--env", "prod");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("prod> Hello.", "prod> Still here.");
        assertThat(r.err()).contains("session ses_");
        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().get(1).body()).contains("hi").contains("Hello.").contains("are you there?");
    }

    @Test
    void aPipeIsNeverAskedToApproveOrExecuteItIsToldTheNextCommand() {
        model.enqueue(ModelReply.toolCalls(call("call_1", "propose_plan", "{\"summary\":\"scale web to 3\",\"steps\":"
                        + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}")),
                ModelReply.text("I proposed a plan."), ModelReply.text("y to what?"), ModelReply.text("still y?"));

        Ctl.Result r = alice.withStdin("scale web to 3\ny\ny\n").run("chat", "--env", "dev");

        assertThat(r.code()).as(r.toString()).isZero();
        Matcher next = Pattern.compile("assistantctl plan approve (pln_[0-9a-z]+)").matcher(r.err());
        assertThat(next.find()).as(r.toString()).isTrue();
        assertThat(r.out() + r.err()).doesNotContain("Approve pln_", "Execute pln_", "APPROVED");
        JsonNode plan = alice.run("plan", "show", next.group(1), "-o", "json").json();
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.hasNonNull("executionId")).isFalse();
        assertThat(model.requests()).hasSize(4);
        assertThat(model.requests().get(3).body()).contains("\"y\"");
    }

    @Test
    void aClaimOfTheModelIsFollowedByWhatTheRuntimeSaw() {
        model.enqueue(ModelReply.text("Done: I deleted namespace prod."));

        Ctl.Result r = alice.run("chat", "--env", "prod", "-m", "delete prod");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Done: I deleted namespace prod.\n— runtime: no change was made; nothing ran");
    }

    @Test
    void aModelThatCannotAnswerIsExit14WithTheServersCode() {
        model.enqueue(ModelReply.error(500, "boom"), ModelReply.error(500, "boom"), ModelReply.error(500, "boom"));

        Ctl.Result r = alice.run("chat", "--env", "prod", "-m", "hello?");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LLM_UNAVAILABLE.code());
        assertThat(r.err()).startsWith("error: llm_unavailable: ");
    }

    @Test
    void aNewSessionNeedsAnEnvironment() {
        Ctl.Result r = alice.run("chat", "-m", "hello");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("chat needs --env ENV");
        assertThat(model.requests()).isEmpty();
    }
}
