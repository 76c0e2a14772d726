package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.gitlab.internal.GitlabSdk;
import io.carapulse.tools.gitlab.internal.GlabLease;
import io.carapulse.tools.gitlab.internal.GlabReply;
import io.carapulse.tools.process.ProcessOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/**
 * One call of one action against one GitLab project: each REST request made through the transport chosen
 * for the call, {@code glab api} (the token leased to it, the request body in a 0600 file) or gitlab4j-api,
 * and read back as GitLab's REST JSON either way, so an action writes its logic once; failures named by
 * {@link GitlabErrors} with the action, project and request, retriable only for reads; and the evidence
 * every result carries. Not thread-safe: one call, one thread.
 */
public final class GitlabCall implements AutoCloseable {

    /** A request through gitlab4j-api: its answer, a model or a list of models. */
    @FunctionalInterface
    public interface Sdk {
        Object call(GitLabApi api) throws GitLabApiException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitlabRuntime runtime;
    private final Path binary;
    private final ToolContext context;
    private final String action;
    private final GitlabInventory inventory;
    private final String project;
    private final boolean read;
    private final String environment;
    private String token;
    private GitLabApi api;
    private ProcessOutcome lastOutcome;
    private ProcessOutcome lastWrite;
    private List<String> lastRequest = List.of();
    private List<String> lastWriteRequest = List.of();
    private int lastStatus;

    GitlabCall(GitlabRuntime runtime, Path binary, ToolCall call, ToolContext context, String action,
               GitlabInventory inventory, String project, boolean read) {
        this.runtime = runtime;
        this.binary = binary;
        this.context = context;
        this.action = action;
        this.inventory = inventory;
        this.project = project;
        this.read = read;
        this.environment = call.environment();
    }

    public Transport transport() {
        return binary != null ? Transport.CLI : Transport.HTTP;
    }

    public String project() {
        return project;
    }

    public GitlabInventory inventory() {
        return inventory;
    }

    /** {@code GET path} (under {@code /api/v4}); any failure, 404 included, is thrown. */
    public JsonNode get(String path, Sdk sdk) {
        return exchange("GET", path, null, null, sdk).orThrow();
    }

    /** {@code GET path}; empty when GitLab answers 404. */
    public Optional<JsonNode> find(String path, Sdk sdk) {
        return exchange("GET", path, null, null, sdk).orEmptyWhenNotFound();
    }

    /**
     * {@code HEAD path}: the answer's headers as JSON built by {@code fromHeaders} on the CLI path (names in
     * lower case), gitlab4j's answer on the SDK path; empty when GitLab answers 404.
     */
    public Optional<JsonNode> head(String path, Function<Map<String, String>, JsonNode> fromHeaders, Sdk sdk) {
        return exchange("HEAD", path, null, fromHeaders, sdk).orEmptyWhenNotFound();
    }

    /** {@code method path} with {@code body} as JSON ({@code null}: none); any failure is thrown. */
    public JsonNode send(String method, String path, JsonNode body, Sdk sdk) {
        return exchange(method, path, body, null, sdk).orThrow();
    }

    /** The same; empty when GitLab answers 404 (a delete of what is already gone). */
    public Optional<JsonNode> sendUnlessGone(String method, String path, JsonNode body, Sdk sdk) {
        return exchange(method, path, body, null, sdk).orEmptyWhenNotFound();
    }

    private Outcome exchange(String method, String path, JsonNode body, Function<Map<String, String>, JsonNode> head,
                             Sdk sdk) {
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        return binary != null ? viaCli(method, path, body, head, write) : viaSdk(method, path, sdk, write);
    }

    private Outcome viaCli(String method, String path, JsonNode body, Function<Map<String, String>, JsonNode> head,
                           boolean write) {
        List<String> args = new ArrayList<>(List.of("api", "-R", project, "--method", method, "--include"));
        try (GlabLease lease = GlabLease.open(inventory.baseUrl(), token())) {
            if (body != null) {
                args.addAll(List.of("-H", "Content-Type: application/json", "--input", lease.body(body.toString()).toString()));
            }
            args.add(path);
            ProcessOutcome outcome = runtime.cli(binary, args, lease.cliLease(), context);
            lastOutcome = outcome;
            if (write) {
                lastWrite = outcome;
            }
            GlabReply reply = GlabReply.parse(outcome.stdout());
            lastStatus = reply.status();
            if (head != null) {
                return new Ok(head.apply(reply.headers()));
            }
            if (reply.body().isBlank()) {
                return new Ok(JSON.createObjectNode());
            }
            try {
                return new Ok(JSON.readTree(reply.body()));
            } catch (JsonProcessingException e) {
                ToolResult partial = io.carapulse.tools.cli.CliInvoker.result(outcome, null, evidence(Map.of()));
                return new Failed(ToolFailure.TOOL_FAILED, prefix() + method + " " + path + ": glab printed an answer "
                        + "that is not JSON" + (outcome.stdoutTruncated() ? " (cut at the output cap: too large)" : ""),
                        partial);
            }
        } catch (ToolException e) {
            if (e.failure() == ToolFailure.CANCELLED || e.failure() == ToolFailure.TIMED_OUT || e.partial().isEmpty()) {
                throw e;
            }
            ToolResult p = e.partial().get();
            GlabReply reply = GlabReply.parse(p.output());
            ToolFailure failure = reply.status() > 0
                    ? GitlabErrors.failure(reply.status(), reply.headers(), e.getMessage()) : e.failure();
            ToolResult partial = new ToolResult(p.transport(), p.command(), p.exitCode(), p.httpStatus(), p.output(),
                    p.data(), evidence(Map.of()), p.digest());
            return new Failed(failure, prefix() + method + " " + path + " failed: " + e.getMessage(), partial);
        }
    }

    private Outcome viaSdk(String method, String path, Sdk sdk, boolean write) {
        checkDeadline(method + " " + path);
        List<String> request = List.of(method, inventory.apiUrl() + "/" + path);
        lastRequest = request;
        if (write) {
            lastWriteRequest = request;
        }
        try {
            Object answer = sdk.call(api());
            lastStatus = 200;
            return new Ok(JSON.readTree(redactor().redact(GitlabSdk.json(answer).toString())));
        } catch (GitLabApiException e) {
            int status = e.getHttpStatus();
            lastStatus = status;
            Map<String, String> headers = new LinkedHashMap<>();
            if (e.getHeaders() != null) {
                e.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            }
            String said = e.getMessage() == null ? "" : redactor().redact(e.getMessage().strip());
            ToolFailure failure = GitlabErrors.failure(status, headers, said);
            String message = prefix() + method + " " + path + (status > 0 ? " answered HTTP " + status : " got no answer")
                    + (said.isEmpty() ? "" : ": " + said);
            return new Failed(failure, message, new ToolResult(Transport.HTTP, request, null, status > 0 ? status : null,
                    message, null, evidence(Map.of())));
        } catch (JsonProcessingException e) {
            return new Failed(ToolFailure.TOOL_FAILED, prefix() + method + " " + path + ": the answer could not be read",
                    null);
        } catch (ToolException e) {
            throw e; // the token could not be read: nothing was sent
        } catch (RuntimeException e) {
            String message = prefix() + method + " " + path + " failed: " + redactor().redact(String.valueOf(e.getMessage()));
            return new Failed(ToolFailure.UNAVAILABLE, message, new ToolResult(Transport.HTTP, request, null, null,
                    message, null, evidence(Map.of())));
        }
    }

    private GitLabApi api() {
        if (api == null) {
            api = GitlabSdk.open(inventory.baseUrl(), token(), left());
        }
        return api;
    }

    private String token() {
        if (token == null) {
            token = runtime.token(environment, context);
        }
        return token;
    }

    /** What is left of the step's deadline, for the SDK's request timeouts. */
    private Duration left() {
        Duration left = Duration.between(Instant.now(), context.deadline());
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** The SDK cannot be interrupted: the deadline and cancellation are checked before each request. */
    private void checkDeadline(String request) {
        if (context.cancellation().isCancelled()) {
            throw new ToolException(ToolFailure.CANCELLED, prefix() + "cancelled before " + request, null);
        }
        if (!Instant.now().isBefore(context.deadline())) {
            throw new ToolException(ToolFailure.TIMED_OUT, prefix() + "the step's deadline passed before " + request,
                    null);
        }
    }

    private Redactor redactor() {
        if (token == null) {
            return Redactor.patterns();
        }
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return Redactor.patterns().with(List.of(token, Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    private String prefix() {
        return "gitlab " + action + " on " + project + ": ";
    }

    /** A failure the action itself finds (a merge request that is not open …), with this call's evidence. */
    public ToolException refuse(ToolFailure failure, String message) {
        return new ToolException(failure, prefix() + message, partial(message));
    }

    private ToolResult partial(String message) {
        if (binary != null && lastOutcome != null) {
            return new ToolResult(Transport.CLI, lastOutcome.argv(), lastOutcome.exitCode(), null, message, null,
                    evidence(Map.of()));
        }
        return new ToolResult(transport(), lastRequest, null, lastStatus > 0 ? lastStatus : null, message, null,
                evidence(Map.of()));
    }

    /** The evidence of this call: the instance and the project, plus {@code extra}. */
    public Map<String, String> evidence(Map<String, String> extra) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("gitlab.host", inventory.host());
        ids.put("gitlab.project", project);
        ids.putAll(extra);
        return ids;
    }

    /**
     * The result of the call: {@code data} (rendered as the output), and the evidence. The command is the
     * write the call made (its last), or else its last read.
     */
    public ToolResult result(JsonNode data, Map<String, String> extra) {
        String output = data.toPrettyString();
        if (binary != null && lastOutcome != null) {
            ProcessOutcome shown = lastWrite != null ? lastWrite : lastOutcome;
            return new ToolResult(Transport.CLI, shown.argv(), shown.exitCode(), null, output, data, evidence(extra));
        }
        List<String> command = !lastWriteRequest.isEmpty() ? lastWriteRequest : lastRequest;
        return new ToolResult(Transport.HTTP, command, null, 200, redactor().redact(output), data, evidence(extra));
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
            api = null;
        }
        token = null;
    }

    /** What one request came to. */
    private sealed interface Outcome permits Ok, Failed {
        JsonNode orThrow();

        Optional<JsonNode> orEmptyWhenNotFound();
    }

    private record Ok(JsonNode json) implements Outcome {
        @Override
        public JsonNode orThrow() {
            return json == null ? MissingNode.getInstance() : json;
        }

        @Override
        public Optional<JsonNode> orEmptyWhenNotFound() {
            return Optional.of(orThrow());
        }
    }

    private final class Failed implements Outcome {
        private final ToolFailure failure;
        private final String message;
        private final ToolResult partial;

        Failed(ToolFailure failure, String message, ToolResult partial) {
            this.failure = failure;
            this.message = message;
            this.partial = partial;
        }

        @Override
        public JsonNode orThrow() {
            boolean retriable = read && (failure == ToolFailure.RATE_LIMITED || failure == ToolFailure.UNAVAILABLE);
            throw retriable ? new RetriableToolException(failure, message, partial, null)
                    : new ToolException(failure, message, partial, null);
        }

        @Override
        public Optional<JsonNode> orEmptyWhenNotFound() {
            if (failure == ToolFailure.NOT_FOUND) {
                return Optional.empty();
            }
            orThrow();
            return Optional.empty();
        }
    }
}
