package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.TransportSelector;
import io.carapulse.tools.vault.internal.ChildTokens;
import io.carapulse.tools.vault.internal.QuietContext;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultExitMapper;
import io.carapulse.tools.vault.internal.VaultHttpErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every vault action shares: the environment's Vault (S6), the server's HTTP API ({@link VaultApi}),
 * and running the CLI with a child token made for the call ({@link Cli}), never the server's token.
 * Nothing a vault command prints is passed on as is: results carry the action's projection only.
 */
public final class VaultRuntime extends FamilyRuntime {

    /** The tool name and its binary. */
    public static final String TOOL = "vault";

    /** Seconds a child token outlives the call's deadline, so the CLI never meets an expired token. */
    private static final Duration TTL_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentCatalog environments;
    private final VaultApi api;
    private final ChildTokens children;

    public VaultRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli, VaultApi api) {
        super(TOOL, TOOL, selector, cli, new VaultExitMapper(), VaultHttpErrors.MAPPER);
        this.environments = environments;
        this.api = api;
        this.children = new ChildTokens(api);
    }

    public VaultApi api() {
        return api;
    }

    /** The environment's Vault, or empty. */
    public Optional<VaultInstance> declared(String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(VaultInstance.class));
    }

    /** The environment's Vault, or a {@code target_not_allowed} refusal. */
    public VaultInstance vault(String environment) {
        return declared(environment).orElseThrow(() -> new ToolException(ToolFailure.TARGET_NOT_ALLOWED,
                "environment " + environment + " declares no Vault", null));
    }

    /** S6: the environment declares a Vault. */
    public List<String> environmentProblems(String environment) {
        return declared(environment).isPresent() ? List.of()
                : List.of("environment " + environment + " declares no Vault (vault.address)");
    }

    @Override
    protected boolean hasHttpPath(String environment) {
        return declared(environment).isPresent();
    }

    /**
     * Opens the CLI for one call: a child token with {@code uses} uses and a TTL of the call's deadline, in a
     * lease with {@code VAULT_ADDR}, {@code VAULT_NAMESPACE} and {@code VAULT_TOKEN}. Close it (always) to
     * revoke the token.
     *
     * @param action the action, for the token's display name
     */
    public Cli cli(Path binary, String environment, String action, int uses, ToolContext ctx) {
        VaultInstance vault = vault(environment);
        Duration ttl = Duration.between(Instant.now(), ctx.deadline()).plus(TTL_MARGIN);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("carapulse_action", TOOL + "." + action);
        meta.put("carapulse_execution", ctx.executionId());
        ctx.origin().ifPresent(o -> {
            meta.put("carapulse_plan", o.planId());
            meta.put("carapulse_step", Integer.toString(o.stepPosition()));
            meta.put("carapulse_requester", o.requester());
        });
        ChildTokens.Child child = children.create(environment, vault, ttl, uses, "carapulse-" + action, meta, ctx);
        return new Cli(binary, environment, vault, child, ctx);
    }

    /**
     * What {@code vault status -format=json} printed, run without any token (it needs none and must work
     * while sealed). Exit 2 is a sealed Vault: an answer, not a failure.
     *
     * @param evidence the command and exit code, without stdout
     * @param printed  the status as printed
     */
    public record Status(ToolResult evidence, JsonNode printed) {
    }

    /** Runs {@code vault status -format=json} without a token. */
    public Status status(Path binary, String environment, ToolContext ctx) {
        VaultInstance vault = vault(environment);
        List<String> args = List.of("status", "-format=json");
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putEnv("VAULT_ADDR", vault.address().toString());
            vault.namespace().ifPresent(ns -> lease.putEnv("VAULT_NAMESPACE", ns));
            try {
                ProcessOutcome outcome = cli(binary, args, lease, new QuietContext(ctx));
                return new Status(withoutStdout(CliInvoker.result(outcome, null, Map.of())), parse(outcome));
            } catch (ToolException e) {
                ToolResult partial = e.partial().orElse(null);
                if (partial != null && Integer.valueOf(2).equals(partial.exitCode())) {
                    String output = partial.output();
                    int marker = output.indexOf("[stderr]\n");
                    String stdout = marker < 0 ? output : output.substring(0, marker);
                    try {
                        JsonNode printed = JSON.readTree(stdout);
                        if (printed != null && printed.has("sealed")) {
                            return new Status(withoutStdout(partial), printed);
                        }
                    } catch (IOException notStatus) {
                        // not the status: the failure below
                    }
                }
                throw new ToolException(e.failure(), e.getMessage(), partial == null ? null : withoutStdout(partial), e);
            }
        }
    }

    private ProcessOutcome runQuietly(Path binary, List<String> args, CredentialLease lease, ToolContext ctx) {
        try {
            return cli(binary, args, lease, new QuietContext(ctx));
        } catch (ToolException e) {
            throw new ToolException(e.failure(), e.getMessage(), e.partial().map(VaultRuntime::withoutStdout).orElse(null),
                    e);
        }
    }

    /** The CLI of one call, holding its child token until closed. */
    public final class Cli implements AutoCloseable {

        private final Path binary;
        private final String environment;
        private final VaultInstance vault;
        private final ChildTokens.Child child;
        private final ToolContext ctx;
        private boolean revoked;

        private Cli(Path binary, String environment, VaultInstance vault, ChildTokens.Child child, ToolContext ctx) {
            this.binary = binary;
            this.environment = environment;
            this.vault = vault;
            this.child = child;
            this.ctx = ctx;
        }

        /** Runs {@code vault <args>} with the child token; a failure carries the ids and no stdout. */
        public ProcessOutcome run(List<String> args) {
            try (CredentialLease lease = CredentialLease.open()) {
                lease.putEnv("VAULT_ADDR", vault.address().toString());
                vault.namespace().ifPresent(ns -> lease.putEnv("VAULT_NAMESPACE", ns));
                lease.putEnv("VAULT_TOKEN", child.token());
                lease.addSecret(child.token());
                return runQuietly(binary, args, lease, ctx);
            } catch (ToolException e) {
                throw new ToolException(e.failure(), e.getMessage(),
                        e.partial().map(p -> withIds(p, ids(Map.of()))).orElse(null), e);
            }
        }

        /** The evidence ids of this call: the child token's accessor and creation, the namespace, plus {@code more}. */
        public Map<String, String> ids(Map<String, String> more) {
            Map<String, String> ids = new LinkedHashMap<>(more);
            ids.put("childTokenAccessor", child.accessor());
            if (child.requestId() != null) {
                ids.put("childTokenRequestId", child.requestId());
            }
            vault.namespace().ifPresent(ns -> ids.put("namespace", ns));
            return ids;
        }

        /** Revokes the child token (idempotent; also after a timeout or a cancellation). */
        @Override
        public void close() {
            if (!revoked) {
                revoked = true;
                children.revoke(environment, vault, child);
            }
        }
    }

    /** The JSON a vault command printed; anything else is a failure carrying the evidence. */
    public static JsonNode parse(ProcessOutcome outcome) {
        try {
            JsonNode node = outcome.stdout().isBlank() ? MissingNode.getInstance() : JSON.readTree(outcome.stdout());
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "vault printed output that is not JSON (or was cut at the "
                    + "output cap)", withoutStdout(CliInvoker.result(outcome, null, Map.of())));
        }
    }

    /**
     * The result of a CLI call: its argv and exit code, and as output only {@code data} (what may be shown)
     * plus stderr; never the command's stdout (S4: it may hold values no redactor knows).
     */
    public static ToolResult cliResult(ProcessOutcome outcome, JsonNode data, Map<String, String> ids) {
        String output = data.toString() + (outcome.stderr().isBlank() ? "" : "\n[stderr]\n" + outcome.stderr());
        return new ToolResult(Transport.CLI, outcome.argv(), outcome.exitCode(), null, output, data, ids);
    }

    /** The same from a call's evidence without stdout ({@link #withoutStdout}). */
    public static ToolResult cliResult(ToolResult evidence, JsonNode data, Map<String, String> ids) {
        String output = data.toString() + (evidence.output().isBlank() ? "" : "\n" + evidence.output());
        return new ToolResult(Transport.CLI, evidence.command(), evidence.exitCode(), null, output, data, ids);
    }

    /** The result of an HTTP call: its method, URL and status, and as output only {@code data}. */
    public static ToolResult httpResult(VaultApi.Reply reply, JsonNode data, Map<String, String> ids) {
        Map<String, String> all = new LinkedHashMap<>(ids);
        if (reply.requestId() != null) {
            all.putIfAbsent("requestId", reply.requestId());
        }
        if (reply.accessor() != null) {
            all.putIfAbsent("tokenAccessor", reply.accessor());
        }
        ToolResult e = reply.evidence();
        return new ToolResult(e.transport(), e.command(), null, e.httpStatus(), data.toString(), data, all);
    }

    /** {@code evidence} with the ids added. */
    public static ToolResult withIds(ToolResult evidence, Map<String, String> ids) {
        Map<String, String> all = new LinkedHashMap<>(evidence.externalIds());
        all.putAll(ids);
        return new ToolResult(evidence.transport(), evidence.command(), evidence.exitCode(), evidence.httpStatus(),
                evidence.output(), evidence.data(), all, evidence.digest());
    }

    /** A failed call's evidence keeps the command, exit code and stderr; stdout is dropped. */
    static ToolResult withoutStdout(ToolResult partial) {
        String output = partial.output();
        int marker = output.indexOf("[stderr]\n");
        String kept = marker < 0 ? "" : output.substring(marker);
        return new ToolResult(partial.transport(), partial.command(), partial.exitCode(), partial.httpStatus(), kept,
                null, partial.externalIds());
    }

    /** Vault's {@code request_id} in a printed secret, when there is one. */
    public static Map<String, String> requestId(JsonNode printed) {
        String id = printed.path("request_id").asText("");
        return id.isEmpty() ? Map.of() : Map.of("requestId", id);
    }

    /** Arguments for the CLI: {@code -format=json} first, flags before positionals (the vault CLI wants that). */
    public static List<String> args(List<String> command, List<String> flags, List<String> positionals) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(flags);
        argv.addAll(positionals);
        return argv;
    }
}
