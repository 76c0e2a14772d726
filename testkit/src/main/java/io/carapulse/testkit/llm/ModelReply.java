package io.carapulse.testkit.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted answer of the {@link FakeModelServer}. A reply says <em>what</em> the model answers;
 * the server renders it in the format of the endpoint that was called: Chat Completions
 * ({@code chat.completion.chunk} SSE frames ending {@code data: [DONE]}, or one
 * {@code chat.completion} object when the request did not ask to stream) or the Responses API as the
 * Codex backend streams it ({@code response.created} … {@code response.completed}).
 *
 * <p>Replies are immutable; the {@code with…} methods return a changed copy:
 *
 * <pre>{@code
 * ModelReply.text("Three pods ", "are running.").withUsage(120, 9)
 * ModelReply.toolCalls(ModelReply.call("call_1", "kubectl_get", "{\"kind\":", "\"pods\"}"))
 * ModelReply.error(429, "Rate limit reached").withHeader("Retry-After", "1")
 * ModelReply.text("too late").withDelay(Duration.ofSeconds(5))
 * }</pre>
 */
public final class ModelReply {

    /** The usage a reply reports unless {@link #withUsage} says otherwise. */
    public static final long DEFAULT_INPUT_TOKENS = 10;
    /** The usage a reply reports unless {@link #withUsage} says otherwise. */
    public static final long DEFAULT_OUTPUT_TOKENS = 5;

    /** What kind of answer this is. */
    public enum Kind {
        /** Text and/or function calls, streamed or not. */
        CONTENT,
        /** An HTTP error status with an OpenAI-style {@code {"error": {...}}} body. */
        HTTP_ERROR,
        /** A 200 stream that fails: {@code response.failed} (Responses) or an error frame (Chat Completions). */
        STREAM_FAILED,
        /** A 200 stream carrying an {@code error} event (Responses) or an error frame (Chat Completions). */
        ERROR_EVENT,
        /** Status, content type and body served verbatim, whatever the endpoint. */
        RAW
    }

    private final Kind kind;
    private final List<String> textDeltas;
    private final List<Call> calls;
    private final long inputTokens;
    private final long outputTokens;
    private final String model;
    private final int status;
    private final String errorCode;
    private final String errorMessage;
    private final String contentType;
    private final String rawBody;
    private final Map<String, String> headers;
    private final Duration delay;

    private ModelReply(Kind kind, List<String> textDeltas, List<Call> calls, long inputTokens, long outputTokens,
            String model, int status, String errorCode, String errorMessage, String contentType, String rawBody,
            Map<String, String> headers, Duration delay) {
        this.kind = kind;
        this.textDeltas = List.copyOf(textDeltas);
        this.calls = List.copyOf(calls);
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.model = model;
        this.status = status;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.contentType = contentType;
        this.rawBody = rawBody;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
    }

    private static ModelReply of(Kind kind, List<String> text, List<Call> calls, int status, String code,
            String message, String contentType, String body) {
        return new ModelReply(kind, text, calls, DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, null, status, code,
                message, contentType, body, Map.of(), Duration.ZERO);
    }

    /** A text reply streamed as these deltas, in order (one chunk or {@code output_text.delta} each). */
    public static ModelReply text(String... deltas) {
        return of(Kind.CONTENT, Arrays.asList(deltas), List.of(), 200, null, null, null, null);
    }

    /** A reply that calls these functions, in order, with no text. */
    public static ModelReply toolCalls(Call... calls) {
        return of(Kind.CONTENT, List.of(), Arrays.asList(calls), 200, null, null, null, null);
    }

    /**
     * A function call whose arguments arrive in these fragments (one chunk or
     * {@code function_call_arguments.delta} each). The fragments are sent verbatim and need not form
     * valid JSON, which is how a test scripts malformed arguments.
     */
    public static Call call(String id, String name, String... argumentFragments) {
        return new Call(id, name, Arrays.asList(argumentFragments));
    }

    /**
     * An HTTP error with an OpenAI error body: {@code {"error":{"message":…,"type":…,"code":…}}}.
     * The type follows the status ({@code invalid_request_error}, {@code authentication_error},
     * {@code rate_limit_error}, {@code server_error}, …).
     */
    public static ModelReply error(int status, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
        }
        return of(Kind.HTTP_ERROR, List.of(), List.of(), status, null, message, null, null);
    }

    /**
     * A stream that fails after it started: {@code response.created} then {@code response.failed}
     * with {@code response.error = {code, message}} on the Responses endpoint; on Chat Completions
     * one {@code data: {"error": {...}}} frame, as OpenAI sends when a stream breaks.
     */
    public static ModelReply streamFailed(String code, String message) {
        return of(Kind.STREAM_FAILED, List.of(), List.of(), 200, code, message, null, null);
    }

    /**
     * A stream carrying a Responses {@code error} event ({@code {"type":"error","code":…,"message":…}});
     * on Chat Completions the same error frame as {@link #streamFailed}.
     */
    public static ModelReply errorEvent(String code, String message) {
        return of(Kind.ERROR_EVENT, List.of(), List.of(), 200, code, message, null, null);
    }

    /** Served verbatim on any endpoint: for fixtures captured in a real format. */
    public static ModelReply raw(int status, String contentType, String body) {
        return of(Kind.RAW, List.of(), List.of(), status, null, null, Objects.requireNonNull(contentType),
                Objects.requireNonNull(body));
    }

    /** The same reply with text before its function calls. */
    public ModelReply withText(String... deltas) {
        requireContent("withText");
        return new ModelReply(kind, Arrays.asList(deltas), calls, inputTokens, outputTokens, model, status,
                errorCode, errorMessage, contentType, rawBody, headers, delay);
    }

    /** The same reply with these function calls after its text. */
    public ModelReply withToolCalls(Call... more) {
        requireContent("withToolCalls");
        List<Call> all = new ArrayList<>(calls);
        all.addAll(Arrays.asList(more));
        return new ModelReply(kind, textDeltas, all, inputTokens, outputTokens, model, status, errorCode,
                errorMessage, contentType, rawBody, headers, delay);
    }

    /**
     * The token usage to report: in the last chunk of a Chat Completions stream (only when the
     * request asked for it with {@code stream_options.include_usage}, as OpenAI does), in a
     * non-streamed completion, and in {@code response.completed}.
     */
    public ModelReply withUsage(long input, long output) {
        requireContent("withUsage");
        return new ModelReply(kind, textDeltas, calls, input, output, model, status, errorCode, errorMessage,
                contentType, rawBody, headers, delay);
    }

    /** The model name the reply reports; by default the request's {@code model}. */
    public ModelReply withModel(String reportedModel) {
        return new ModelReply(kind, textDeltas, calls, inputTokens, outputTokens, reportedModel, status, errorCode,
                errorMessage, contentType, rawBody, headers, delay);
    }

    /** The same reply with one more response header, e.g. {@code Retry-After: 1}. */
    public ModelReply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ModelReply(kind, textDeltas, calls, inputTokens, outputTokens, model, status, errorCode,
                errorMessage, contentType, rawBody, all, delay);
    }

    /** Waits this long before sending the status line, e.g. past a client's timeout. */
    public ModelReply withDelay(Duration wait) {
        return new ModelReply(kind, textDeltas, calls, inputTokens, outputTokens, model, status, errorCode,
                errorMessage, contentType, rawBody, headers, Objects.requireNonNull(wait));
    }

    private void requireContent(String what) {
        if (kind != Kind.CONTENT) {
            throw new IllegalStateException(what + " applies to text and tool-call replies, not " + kind);
        }
    }

    public Kind kind() {
        return kind;
    }

    public List<String> textDeltas() {
        return textDeltas;
    }

    /** The whole text, the deltas joined. */
    public String text() {
        return String.join("", textDeltas);
    }

    public List<Call> calls() {
        return calls;
    }

    public long inputTokens() {
        return inputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    /** The reported model, or {@code null} to echo the request's. */
    public String model() {
        return model;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String contentType() {
        return contentType;
    }

    public String rawBody() {
        return rawBody;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return "ModelReply[" + kind + (kind == Kind.CONTENT ? ", text=" + text() + ", calls=" + calls : ", status="
                + status + ", code=" + errorCode + ", message=" + errorMessage) + "]";
    }

    /**
     * A scripted function call.
     *
     * @param id                the call id ({@code call_…}); Responses uses it as {@code call_id}
     * @param name              the function name
     * @param argumentFragments the arguments as they arrive, joined verbatim
     */
    public record Call(String id, String name, List<String> argumentFragments) {

        public Call {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            argumentFragments = List.copyOf(argumentFragments);
        }

        /** The complete arguments. */
        public String arguments() {
            return String.join("", argumentFragments);
        }
    }
}
