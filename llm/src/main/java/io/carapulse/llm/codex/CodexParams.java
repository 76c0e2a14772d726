package io.carapulse.llm.codex;

import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ToolChoiceOptions;
import io.carapulse.api.llm.LlmFunction;
import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.llm.call.Sdk;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link LlmRequest} as the body the Codex backend accepts: top-level {@code instructions},
 * {@code "store": false}, {@code input} as a list of Responses items (messages,
 * {@code function_call}, {@code function_call_output}), function {@code tools}. The SDK adds
 * {@code "stream": true}. {@code max_output_tokens} is never sent: the backend rejects it, so
 * {@link LlmRequest#maxOutputTokens()} is ignored here.
 *
 * <p>With {@code store: false} the backend keeps nothing between calls, so items go back without
 * their server ids ({@code fc_…}, {@code msg_…}): an id would make it look up an item it never
 * stored. Calls and outputs are paired by {@code call_id} alone.
 */
final class CodexParams {

    private CodexParams() {
    }

    static ResponseCreateParams of(String model, LlmRequest request) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder()
                .model(model)
                .instructions(request.instructions())
                .store(false)
                .inputOfResponse(input(request.messages()));
        if (!request.functions().isEmpty()) {
            for (LlmFunction function : request.functions()) {
                params.addTool(tool(function));
            }
            params.toolChoice(ToolChoiceOptions.AUTO);
        }
        return params.build();
    }

    private static List<ResponseInputItem> input(List<LlmMessage> messages) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (LlmMessage message : messages) {
            if (message instanceof LlmMessage.User user) {
                items.add(message(EasyInputMessage.Role.USER, user.text()));
            } else if (message instanceof LlmMessage.Assistant assistant) {
                if (!assistant.text().isEmpty()) {
                    items.add(message(EasyInputMessage.Role.ASSISTANT, assistant.text()));
                }
                for (LlmToolCall call : assistant.toolCalls()) {
                    items.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder()
                            .callId(call.id()).name(call.name()).arguments(call.arguments()).build()));
                }
            } else if (message instanceof LlmMessage.ToolOutput output) {
                items.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(output.callId()).output(output.output()).build()));
            }
        }
        return items;
    }

    private static ResponseInputItem message(EasyInputMessage.Role role, String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .type(EasyInputMessage.Type.MESSAGE).role(role).content(text).build());
    }

    private static FunctionTool tool(LlmFunction function) {
        FunctionTool.Builder tool = FunctionTool.builder()
                .name(function.name())
                .parameters(FunctionTool.Parameters.builder()
                        .additionalProperties(Sdk.properties(function.parameters())).build())
                // strict mode would demand every property be required and no additional ones
                .strict(false);
        if (!function.description().isEmpty()) {
            tool.description(function.description());
        }
        return tool.build();
    }
}
