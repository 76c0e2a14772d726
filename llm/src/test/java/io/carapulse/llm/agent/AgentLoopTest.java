package io.carapulse.llm.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmFunction;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AgentLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

    private final Script model = new Script();
    private final List<ObjectNode> handled = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    @Test
    void aPlainAnswerEndsTheTurnAndStreamsItsText() {
        model.then(() -> reply("All pods are running.", List.of(), 40, 6));

        TurnResult result = loop(AgentBounds.DEFAULTS).run("s1", "be helpful", List.of(), "status?", List.of(get()), recorder);

        assertThat(result.ending()).isEqualTo(TurnResult.Ending.COMPLETED);
        assertThat(result.text()).isEqualTo("All pods are running.");
        assertThat(result.usage()).isEqualTo(new LlmUsage(40, 6));
        assertThat(result.messages()).containsExactly(new LlmMessage.User("status?"),
                new LlmMessage.Assistant("All pods are running.", List.of()));
        assertThat(recorder.text).hasToString("All pods are running.");
        assertThat(recorder.messages).isEqualTo(result.messages());
        assertThat(model.requests.get(0).conversationId()).isEqualTo("s1");
        assertThat(model.requests.get(0).functions()).extracting(LlmFunction::name).containsExactly("kubectl_get");
    }

    @Test
    void aFunctionCallRunsAndItsOutputGoesBackRedactedCappedAndFramedAsData() throws Exception {
        model.then(() -> reply("", List.of(new LlmToolCall("c1", "kubectl_get", "{\"kind\":\"pods\"}")), 10, 2));
        model.then(() -> reply("Two pods.", List.of(), 30, 3));

        TurnResult result = loop(AgentBounds.DEFAULTS).run("s1", "i", List.of(), "pods?", List.of(get()), recorder);

        assertThat(handled).hasSize(1);
        assertThat(handled.get(0).get("kind").asText()).isEqualTo("pods");
        assertThat(result.ending()).isEqualTo(TurnResult.Ending.COMPLETED);
        assertThat(result.toolCalls()).isEqualTo(1);
        assertThat(result.usage()).isEqualTo(new LlmUsage(40, 5));
        LlmRequest second = model.requests.get(1);
        LlmMessage.ToolOutput out = (LlmMessage.ToolOutput) second.messages().get(2);
        assertThat(out.callId()).isEqualTo("c1");
        JsonNode frame = JSON.readTree(out.output());
        assertThat(frame.get("notice").asText()).isEqualTo(AgentLoop.DATA_NOTICE);
        assertThat(frame.get("ok").asBoolean()).isTrue();
        assertThat(frame.get("output").asText()).contains("web-1").doesNotContain(AWS_KEY);
        assertThat(second.toString()).doesNotContain(AWS_KEY);
        assertThat(recorder.calls).containsExactly("c1:kubectl_get:{\"kind\":\"pods\"}");
        assertThat(recorder.results).containsExactly("c1:true:2 pods");
    }

    @Test
    void outputOverTheBudgetIsCutAndSaysSo() throws Exception {
        model.then(() -> reply("", List.of(new LlmToolCall("c1", "kubectl_get", "{}")), 1, 1));
        model.then(() -> reply("ok", List.of(), 1, 1));
        AgentBounds small = new AgentBounds(8, 256, 1000, Duration.ofMinutes(1), Duration.ofSeconds(30));
        AgentFunction big = new AgentFunction(spec("kubectl_get"),
                (args, deadline) -> new FunctionResult(true, "big", "x".repeat(10_000), null));

        loop(small).run("s", "i", List.of(), "q", List.of(big), recorder);

        JsonNode frame = JSON.readTree(((LlmMessage.ToolOutput) model.requests.get(1).messages().get(2)).output());
        assertThat(frame.get("output").asText()).hasSize(256);
        assertThat(frame.get("truncated").asText()).contains("256 of 10000");
    }

    @Test
    void malformedArgumentsAndUnknownFunctionsComeBackAsErrorsAndRunNothing() throws Exception {
        model.then(() -> reply("", List.of(
                new LlmToolCall("c1", "kubectl_get", "{\"kind\": pods"),
                new LlmToolCall("c2", "kubectl_scale", "{\"replicas\":0}"),
                new LlmToolCall("c3", "kubectl_get", "[1,2]")), 1, 1));
        model.then(() -> reply("sorry", List.of(), 1, 1));

        TurnResult result = loop(AgentBounds.DEFAULTS).run("s", "i", List.of(), "q", List.of(get()), recorder);

        assertThat(handled).isEmpty();
        List<LlmMessage> sent = model.requests.get(1).messages();
        assertThat(JSON.readTree(((LlmMessage.ToolOutput) sent.get(2)).output()).get("output").asText())
                .contains("not valid JSON");
        assertThat(JSON.readTree(((LlmMessage.ToolOutput) sent.get(3)).output()).get("output").asText())
                .contains("no function named 'kubectl_scale'").contains("propose_plan");
        assertThat(JSON.readTree(((LlmMessage.ToolOutput) sent.get(4)).output()).get("output").asText())
                .contains("JSON object");
        assertThat(result.ending()).isEqualTo(TurnResult.Ending.COMPLETED);
    }

    @Test
    void theToolCallLimitAnswersEveryCallAndStopsWithoutAnotherModelCall() {
        model.then(() -> reply("", List.of(
                new LlmToolCall("c1", "kubectl_get", "{}"),
                new LlmToolCall("c2", "kubectl_get", "{}"),
                new LlmToolCall("c3", "kubectl_get", "{}")), 1, 1));
        AgentBounds two = new AgentBounds(2, 1000, 1000, Duration.ofMinutes(1), Duration.ofSeconds(30));

        TurnResult result = loop(two).run("s", "i", List.of(), "q", List.of(get()), recorder);

        assertThat(handled).hasSize(2);
        assertThat(model.requests).hasSize(1);
        assertThat(result.ending()).isEqualTo(TurnResult.Ending.TOOL_CALL_LIMIT);
        assertThat(result.notice()).contains("limit of 2 tool calls");
        assertThat(result.messages()).hasSize(5);
        assertThat(((LlmMessage.ToolOutput) result.messages().get(4)).output()).contains("Not run");
    }

    @Test
    void theTokenBudgetStopsTheTurn() {
        model.then(() -> reply("", List.of(new LlmToolCall("c1", "kubectl_get", "{}")), 900, 200));
        AgentBounds budget = new AgentBounds(8, 1000, 1000, Duration.ofMinutes(1), Duration.ofSeconds(30));

        TurnResult result = loop(budget).run("s", "i", List.of(), "q", List.of(get()), recorder);

        assertThat(handled).isEmpty();
        assertThat(result.ending()).isEqualTo(TurnResult.Ending.TOKEN_LIMIT);
        assertThat(result.notice()).contains("1000 tokens");
    }

    @Test
    void theWallClockStopsTheTurnAndBoundsEachModelCall() {
        MutableClock clock = new MutableClock();
        model.then(() -> {
            clock.advance(Duration.ofSeconds(50));
            return reply("", List.of(new LlmToolCall("c1", "kubectl_get", "{}")), 1, 1);
        });
        AgentBounds minute = new AgentBounds(8, 1000, 1000, Duration.ofMinutes(1), Duration.ofSeconds(90));
        AgentFunction slow = new AgentFunction(spec("kubectl_get"), (args, deadline) -> {
            clock.advance(Duration.ofSeconds(20));
            return new FunctionResult(true, "done", "out", null);
        });

        TurnResult result = new AgentLoop(model, minute, clock).run("s", "i", List.of(), "q", List.of(slow), recorder);

        assertThat(model.requests.get(0).timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(model.requests).hasSize(1);
        assertThat(result.ending()).isEqualTo(TurnResult.Ending.TIME_LIMIT);
    }

    @Test
    void aModelFailureKeepsWhatTheTurnHadDone() {
        model.then(() -> reply("", List.of(new LlmToolCall("c1", "kubectl_get", "{}")), 1, 1));
        model.then(() -> {
            throw new LlmException.Unavailable("the model answered 503 three times", null);
        });

        assertThatThrownBy(() -> loop(AgentBounds.DEFAULTS).run("s", "i", List.of(), "q", List.of(get()), recorder))
                .isInstanceOf(LlmException.Unavailable.class);
        assertThat(recorder.messages).hasSize(3);
        assertThat(recorder.messages.get(2)).isInstanceOf(LlmMessage.ToolOutput.class);
    }

    @Test
    void userTextIsRedactedBeforeTheModelSeesIt() {
        model.then(() -> reply("noted", List.of(), 1, 1));

        loop(AgentBounds.DEFAULTS).run("s", "i", List.of(), "my key is " + AWS_KEY, List.of(), recorder);

        assertThat(model.requests.get(0).toString()).doesNotContain(AWS_KEY);
    }

    private AgentLoop loop(AgentBounds bounds) {
        return new AgentLoop(model, bounds, Clock.systemUTC());
    }

    private AgentFunction get() {
        return new AgentFunction(spec("kubectl_get"), (args, deadline) -> {
            handled.add(args);
            return new FunctionResult(true, "2 pods", "NAME READY\nweb-1 1/1\nweb-2 1/1\nkey=" + AWS_KEY, null);
        });
    }

    private static LlmFunction spec(String name) {
        return new LlmFunction(name, "reads", JSON.createObjectNode().put("type", "object"));
    }

    private static LlmReply reply(String text, List<LlmToolCall> calls, long in, long out) {
        return new LlmReply(text, calls, new LlmUsage(in, out), "test-model");
    }

    /** A model that answers from a script and keeps every request. */
    private static final class Script implements LlmProvider {
        final Deque<Supplier<LlmReply>> replies = new ArrayDeque<>();
        final List<LlmRequest> requests = new ArrayList<>();

        void then(Supplier<LlmReply> r) {
            replies.add(r);
        }

        @Override
        public String name() {
            return "script";
        }

        @Override
        public String model() {
            return "test-model";
        }

        @Override
        public LlmReply complete(LlmRequest request, LlmListener listener) {
            requests.add(request);
            LlmReply r = replies.remove().get();
            if (!r.text().isEmpty()) {
                listener.onText(r.text());
            }
            return r;
        }

        @Override
        public LlmStatus status() {
            return LlmStatus.notConfigured("script");
        }
    }

    private static final class Recorder implements AgentListener {
        final StringBuilder text = new StringBuilder();
        final List<String> calls = new ArrayList<>();
        final List<String> results = new ArrayList<>();
        final List<LlmMessage> messages = new ArrayList<>();

        @Override
        public void onText(String delta) {
            text.append(delta);
        }

        @Override
        public void onToolCall(String callId, String function, String arguments) {
            calls.add(callId + ":" + function + ":" + arguments);
        }

        @Override
        public void onToolResult(String callId, String function, FunctionResult result) {
            results.add(callId + ":" + result.ok() + ":" + result.summary());
        }

        @Override
        public void onMessage(LlmMessage message) {
            messages.add(message);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
