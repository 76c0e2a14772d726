package io.carapulse.tools.transport;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP call of a tool family's HTTP fallback, bound to its step: it times out with the step's
 * deadline (between 1 s and 30 s per request), is cancelled with the step, and fails the way a step
 * expects — cancelled, or unreachable. A read that could not reach the service may be tried again; a
 * write whose request may have reached it never is (S10). What the service answered is the caller's.
 */
public final class JsonHttpCall {

    static final Duration MAX_REQUEST = Duration.ofSeconds(30);
    static final Duration MIN_REQUEST = Duration.ofSeconds(1);

    private JsonHttpCall() {
    }

    /** A JSON request to {@code request}'s URI: GET without a body, else POST with it; its timeout set from {@code ctx}. */
    public static HttpRequest.Builder request(HttpRequest.Builder request, String jsonBody, ToolContext ctx) {
        request.timeout(requestTimeout(ctx)).header("Accept", "application/json");
        return jsonBody == null ? request.GET()
                : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code request} and waits for its answer. {@code what} names it in messages ("argocd API GET
     * https://…"); {@code partial} is the evidence a failure carries; {@code redactor} cleans the cause.
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, String what, boolean read,
                                            ToolContext ctx, Redactor redactor, ToolResult partial) {
        if (ctx.cancellation().isCancelled()) {
            throw new ToolException(ToolFailure.CANCELLED, what + " was cancelled before it started", null);
        }
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        ctx.cancellation().onCancel(() -> future.cancel(true));
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new ToolException(ToolFailure.CANCELLED, what + " was cancelled", partial);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ToolException(ToolFailure.CANCELLED, what + " was interrupted", partial);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timeout = cause instanceof HttpTimeoutException;
            String message = what + (timeout ? " timed out" : " failed: " + redactor.redact(String.valueOf(cause)));
            // a write whose request may have reached the service is never retried (S10)
            throw read ? new RetriableToolException(ToolFailure.UNAVAILABLE, message, partial, cause)
                    : new ToolException(timeout ? ToolFailure.TIMED_OUT : ToolFailure.TOOL_FAILED, message, partial, cause);
        }
    }

    static Duration requestTimeout(ToolContext ctx) {
        Duration left = Duration.between(Instant.now(), ctx.deadline());
        return left.compareTo(MAX_REQUEST) > 0 ? MAX_REQUEST : left.compareTo(MIN_REQUEST) < 0 ? MIN_REQUEST : left;
    }
}
