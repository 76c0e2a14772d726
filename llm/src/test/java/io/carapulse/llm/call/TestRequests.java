package io.carapulse.llm.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.llm.LlmFunction;
import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmToolCall;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Requests the provider tests send. */
public final class TestRequests {

    public static final String CONVERSATION = "5f0c6a52-3b4e-4c8e-9a57-1d2e3f4a5b6c";
    public static final String INSTRUCTIONS = "You help SREs operate the dev environment.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRequests() {
    }

    /** One user question, no functions. */
    public static LlmRequest question(String text, Duration timeout) {
        return new LlmRequest(CONVERSATION, INSTRUCTIONS, List.of(new LlmMessage.User(text)), List.of(), null,
                timeout);
    }

    public static LlmRequest question(String text) {
        return question(text, Duration.ofSeconds(20));
    }

    /** A conversation with a tool round trip behind it, one function offered, a token bound. */
    public static LlmRequest withHistory(Integer maxOutputTokens) {
        return new LlmRequest(CONVERSATION, INSTRUCTIONS, List.of(
                new LlmMessage.User("How many pods run in web?"),
                new LlmMessage.Assistant("Let me look.", List.of(
                        new LlmToolCall("call_1", "kubectl_get", "{\"kind\":\"pods\",\"namespace\":\"web\"}"))),
                new LlmMessage.ToolOutput("call_1", "3 pods Running"),
                new LlmMessage.User("And in api?")),
                List.of(kubectlGet()), maxOutputTokens, Duration.ofSeconds(20));
    }

    /** {@code kubectl_get(kind, namespace)}. */
    public static LlmFunction kubectlGet() {
        return new LlmFunction("kubectl_get", "Read Kubernetes objects.", schema());
    }

    public static ObjectNode schema() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"type":"object","properties":{"kind":{"type":"string"},"namespace":{"type":"string"}},
                     "required":["kind"],"additionalProperties":false}""");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
