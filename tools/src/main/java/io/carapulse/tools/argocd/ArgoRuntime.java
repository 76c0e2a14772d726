package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.argocd.internal.AppView;
import io.carapulse.tools.argocd.internal.ArgoExitMapper;
import io.carapulse.tools.argocd.internal.ArgoHttpErrors;
import io.carapulse.tools.argocd.internal.ArgoRestClient;
import io.carapulse.tools.argocd.internal.ArgoTargets;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every argocd action shares: the S6 check of the environment's Argo CD, running the CLI with the
 * injected server and the token lease, the REST client for the HTTP path, and reading an application
 * with the execute-time project check (S6) on either transport.
 */
public final class ArgoRuntime extends FamilyRuntime {

    /** The tool name and its binary. */
    public static final String TOOL = "argocd";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArgoTargets targets;
    private final ArgoRestClient rest;

    public ArgoRuntime(ArgoTargets targets, TransportSelector selector, CliInvoker cli, ArgoRestClient rest) {
        super(TOOL, TOOL, selector, cli, new ArgoExitMapper(), ArgoHttpErrors.MAPPER);
        this.targets = targets;
        this.rest = rest;
    }

    public ArgoTargets targets() {
        return targets;
    }

    /** The family's HTTP client. */
    public ArgoRestClient rest() {
        return rest;
    }

    /** Plan-time and execute-time S6 problems: the environment must declare an Argo CD. */
    public List<String> environmentProblems(String environment) {
        return targets.problems(environment);
    }

    /** The REST path needs only the environment's Argo CD (server and token are both required there). */
    @Override
    protected boolean hasHttpPath(String environment) {
        return environmentProblems(environment).isEmpty();
    }

    /**
     * Runs {@code argocd <args> --server … --grpc-web} with the token only in the lease (S4, S6).
     *
     * @throws ToolException the mapped failure, with evidence
     */
    public ProcessOutcome argocd(Path binary, String environment, List<String> args, ToolContext ctx) {
        List<String> argv = new ArrayList<>(args);
        argv.addAll(targets.serverFlags(environment));
        try (CredentialLease lease = targets.cliLease(environment)) {
            return cli(binary, argv, lease, ctx);
        }
    }

    /** An application read, with the evidence of the read. */
    public record Read(AppView view, ToolResult evidence) {
    }

    /**
     * {@code argocd app get <app> -o json}, refused with {@code target_not_allowed} when the app's project
     * is not one of the environment's (S6) — before any write.
     */
    public Read read(Path binary, ToolCall call, String app, ToolContext ctx) {
        ProcessOutcome outcome = argocd(binary, call.environment(), List.of("app", "get", app, "-o", "json"), ctx);
        ToolResult evidence = CliInvoker.result(outcome, null, Map.of());
        return checked(call.environment(), new Read(new AppView(parse(outcome.stdout(), evidence)), evidence));
    }

    /**
     * {@code GET /api/v1/applications/{app}}, refused like {@link #read(Path, ToolCall, String, ToolContext)};
     * {@code read} says whether the request belongs to a READ action (only those may be retried).
     */
    public Read read(ToolCall call, String app, boolean read, ToolContext ctx) {
        ArgoRestClient.Reply reply = rest.getApp(call.environment(), app, read, ctx);
        return checked(call.environment(), new Read(new AppView(reply.json()), reply.evidence()));
    }

    /** The read itself when its project is allowed; a {@code target_not_allowed} refusal otherwise. */
    private Read checked(String environment, Read read) {
        AppView view = read.view();
        if (!targets.allowsProject(environment, view.project())) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "application " + view.name() + " belongs to project "
                    + view.project() + ", which is not one of environment " + environment + "'s projects "
                    + targets.projects(environment).stream().sorted().toList(), read.evidence());
        }
        return read;
    }

    /** JSON printed by the CLI; anything else is a failure carrying the evidence. */
    public static JsonNode parse(String stdout, ToolResult evidence) {
        try {
            JsonNode node = JSON.readTree(stdout);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty output");
            }
            return node;
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "argocd printed output that is not JSON (or was cut at the "
                    + "output cap)", evidence);
        }
    }

    /** {@code evidence} with structured data and external ids added. */
    public static ToolResult withData(ToolResult evidence, JsonNode data, Map<String, String> externalIds) {
        return new ToolResult(evidence.transport(), evidence.command(), evidence.exitCode(), evidence.httpStatus(),
                evidence.output(), data, externalIds, evidence.digest());
    }

    /** {@code read}'s evidence with the app's state as data and external ids. */
    public static ToolResult state(Read read) {
        return withData(read.evidence(), read.view().data(), read.view().externalIds());
    }
}
