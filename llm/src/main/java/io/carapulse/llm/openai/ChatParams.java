package io.carapulse.llm.openai;

import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.carapulse.api.llm.LlmFunction;
import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.llm.call.Sdk;

/**
 * One {@link LlmRequest} as a streamed Chat Completions request: the instructions as the system
 * message, the conversation in order (assistant turns with their tool calls, tool outputs under
 * their call ids), the functions as function tools, and {@code stream_options.include_usage} so the
 * last chunk reports tokens. Only what every OpenAI-compatible server understands: no
 * {@code strict}, no {@code parallel_tool_calls}, no {@code developer} role.
 */
final class ChatParams {

    private ChatParams() {
    }

    static ChatCompletionCreateParams of(String model, LlmRequest request) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(model)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (!request.instructions().isBlank()) {
            params.addSystemMessage(request.instructions());
        }
        for (LlmMessage message : request.messages()) {
            if (message instanceof LlmMessage.User user) {
                params.addUserMessage(user.text());
            } else if (message instanceof LlmMessage.Assistant assistant) {
                params.addMessage(assistant(assistant));
            } else if (message instanceof LlmMessage.ToolOutput output) {
                params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(output.callId()).content(output.output()).build());
            }
        }
        for (LlmFunction function : request.functions()) {
            params.addTool(tool(function));
        }
        if (request.maxOutputTokens() != null) {
            params.maxCompletionTokens(request.maxOutputTokens().longValue());
        }
        return params.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(LlmMessage.Assistant assistant) {
        ChatCompletionAssistantMessageParam.Builder message = ChatCompletionAssistantMessageParam.builder();
        // a turn that only called tools has no content at all rather than an empty one
        if (!assistant.text().isEmpty() || assistant.toolCalls().isEmpty()) {
            message.content(assistant.text());
        }
        for (LlmToolCall call : assistant.toolCalls()) {
            message.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.arguments()).build())
                    .build());
        }
        return message.build();
    }

    private static ChatCompletionFunctionTool tool(LlmFunction function) {
        FunctionDefinition.Builder definition = FunctionDefinition.builder()
                .name(function.name())
                .parameters(FunctionParameters.builder()
                        .additionalProperties(Sdk.properties(function.parameters())).build());
        if (!function.description().isEmpty()) {
            definition.description(function.description());
        }
        return ChatCompletionFunctionTool.builder().function(definition.build()).build();
    }
}
