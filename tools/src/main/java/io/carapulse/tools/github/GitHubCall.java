package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of one action against one repository: the credentials resolved on the first request, each
 * request made through the transport chosen for the call ({@code gh api} with the token leased to it, or
 * GitHub API for Java), failures named with the action and repository, retriable only for reads, and the
 * evidence every result carries. Not thread-safe: one call, one thread. Closing it removes the lease.
 */
public final class GitHubCall implements AutoCloseable {

    private final GitHubRuntime runtime;
    private final Path binary;
    private final ToolContext context;
    private final String action;
    private final GitHubInventory inventory;
    private final GitHubRepository repository;
    private final boolean read;
    private String token;
    private CredentialLease lease;
    private Path requests;
    private final String environment;
    private int requestCount;
    private GitHubApi api;
    private List<String> shown = List.of();
    private Integer shownStatus;
    private boolean shownIsWrite;

    GitHubCall(GitHubRuntime runtime, Path binary, ToolContext context, String action, String environment,
               GitHubInventory inventory, GitHubRepository repository, boolean read) {
        this.runtime = runtime;
        this.environment = environment;
        this.binary = binary;
        this.context = context;
        this.action = action;
        this.inventory = inventory;
        this.repository = repository;
        this.read = read;
    }

    /** The REST operations of this call, through its transport. */
    public GitHubApi api() {
        if (api == null) {
            api = binary != null ? new GhCliApi(this, repository.name()) : new GitHubSdkApi(this, repository.name());
        }
        return api;
    }

    public GitHubRepository repository() {
        return repository;
    }

    public GitHubInventory inventory() {
        return inventory;
    }

    public ToolContext context() {
        return context;
    }

    GitHubRuntime runtime() {
        return runtime;
    }

    /** The token, resolved (or minted) on first use. */
    String token() {
        if (token == null) {
            token = runtime.token(inventory, environment, context);
        }
        return token;
    }

    /**
     * Runs {@code gh <args>} with the lease: {@code GH_HOST}, the token ({@code GH_TOKEN}; for a GitHub
     * Enterprise host also {@code GH_ENTERPRISE_TOKEN}, the one gh 2.23 reads there), and a config directory
     * of its own so the server user's {@code gh} login is never read.
     */
    ProcessOutcome gh(List<String> args, boolean write) {
        try {
            ProcessOutcome outcome = runtime.cli(binary, args, lease(), context);
            show(outcome.argv(), null, write);
            return outcome;
        } catch (ToolException e) {
            e.partial().ifPresent(p -> show(p.command(), null, write));
            throw wrap(e);
        }
    }

    /** A file in the lease's private directory holding a request body for {@code gh api --input}. */
    Path requestFile(byte[] body) {
        lease();
        try {
            Path file = requests.resolve("request-" + (++requestCount) + ".json");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, body);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a request body for gh", e);
        }
    }

    private CredentialLease lease() {
        if (lease == null) {
            String secret = token();
            CredentialLease l = CredentialLease.open();
            try {
                l.putSetting("GH_HOST", inventory.host());
                l.putEnv("GH_TOKEN", secret);
                if (!inventory.isGitHubCom()) {
                    l.putEnv("GH_ENTERPRISE_TOKEN", secret);
                }
                l.putSetting("GH_CONFIG_DIR", l.createDirectory("gh-config").toString());
                l.putSetting("GH_PROMPT_DISABLED", "1");
                l.putSetting("GH_NO_UPDATE_NOTIFIER", "1");
                l.putSetting("NO_COLOR", "1");
                runtime.cliSettings().forEach(l::putSetting);
                requests = l.createDirectory("requests");
            } catch (RuntimeException e) {
                l.close();
                throw e;
            }
            lease = l;
        }
        return lease;
    }

    /** Records an SDK request for the evidence: the write a call made wins over the reads around it. */
    void showHttp(String method, String url, int status) {
        show(List.of(method, url), status, !"GET".equals(method));
    }

    private void show(List<String> command, Integer status, boolean write) {
        if (write || !shownIsWrite) {
            shown = List.copyOf(command);
            shownStatus = status;
            shownIsWrite = write;
        }
    }

    /** A failure of this call: named with the action and repository, retriable only for a read. */
    RuntimeException failure(ToolFailure failure, String message, Throwable cause) {
        String text = prefix() + redactor().redact(message);
        ToolResult partial = new ToolResult(binary != null ? Transport.CLI : Transport.HTTP, shown, null, shownStatus,
                text, null, evidence(Map.of()));
        return retriable(failure) ? new RetriableToolException(failure, text, partial, cause)
                : new ToolException(failure, text, partial, cause);
    }

    private RuntimeException wrap(ToolException e) {
        if (e.failure() == ToolFailure.CANCELLED || e.failure() == ToolFailure.TIMED_OUT) {
            return e;
        }
        ToolResult partial = e.partial().map(p -> new ToolResult(p.transport(), p.command(), p.exitCode(),
                p.httpStatus(), p.output(), p.data(), evidence(Map.of()), p.digest())).orElse(null);
        String message = prefix() + e.getMessage();
        return retriable(e.failure()) ? new RetriableToolException(e.failure(), message, partial, e)
                : new ToolException(e.failure(), message, partial, e);
    }

    /** Rate limits and outages may pass later: retried for reads only (a write is never retried blindly, S10). */
    private boolean retriable(ToolFailure failure) {
        return read && (failure == ToolFailure.RATE_LIMITED || failure == ToolFailure.UNAVAILABLE);
    }

    private String prefix() {
        return "github " + action + " in " + repository.name() + ": ";
    }

    /** Masks the token of this call besides the usual patterns. */
    Redactor redactor() {
        return token == null ? Redactor.patterns() : Redactor.patterns().with(List.of(token));
    }

    /** The evidence of this call: host and repository, plus {@code extra}. */
    public Map<String, String> evidence(Map<String, String> extra) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("github.host", inventory.host());
        ids.put("github.repository", repository.name());
        ids.putAll(extra);
        return ids;
    }

    /** The result of the call: the output and data the action renders, the command of its write, the evidence. */
    public ToolResult result(String output, JsonNode data, Map<String, String> extra) {
        Redactor redactor = redactor();
        JsonNode redacted = data;
        if (data != null) {
            try {
                redacted = GitHubRest.JSON.readTree(redactor.redact(data.toString()));
            } catch (IOException e) {
                redacted = null;
            }
        }
        return binary != null
                ? new ToolResult(Transport.CLI, shown, 0, null, redactor.redact(output), redacted, evidence(extra))
                : new ToolResult(Transport.HTTP, shown, null, shownStatus, redactor.redact(output), redacted,
                evidence(extra));
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
        token = null;
    }
}
