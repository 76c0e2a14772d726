package io.carapulse.tools.argocd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.cli.ExitMapper;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every argocd action shares: the transport choice, running the CLI with the injected server
 * and the token lease, and reading an application with the execute-time project check (S6).
 */
public final class ArgoApps {

    /** The tool name and its binary. */
    public static final String TOOL = "argocd";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArgoTargets targets;
    private final TransportSelector selector;
    private final CliInvoker cli;
    private final ArgoRestClient rest;
    private final ExitMapper exits = new ArgoExitMapper();

    public ArgoApps(ArgoTargets targets, TransportSelector selector, CliInvoker cli, ArgoRestClient rest) {
        this.targets = targets;
        this.selector = selector;
        this.cli = cli;
        this.rest = rest;
    }

    public ArgoTargets targets() {
        return targets;
    }

    public ArgoRestClient rest() {
        return rest;
    }

    /** The transport for one call; fails with {@code transport_unavailable} when none can serve it. */
    public Selection select(boolean hasHttpPath) {
        return selector.select(TOOL, TOOL, hasHttpPath);
    }

    /** The {@code app} argument (schema-validated). */
    public static String app(ToolCall call) {
        return call.args().path("app").asText();
    }

    /**
     * Runs {@code argocd <args> --server … --grpc-web} with the token only in the lease (S4, S6).
     *
     * @throws ToolException the mapped failure, with evidence
     */
    public ProcessOutcome run(Selection.Cli selection, String environment, List<String> args, ToolContext ctx) {
        List<String> argv = new ArrayList<>(args);
        argv.addAll(targets.serverFlags(environment));
        try (CredentialLease lease = targets.cliLease(environment)) {
            return cli.run(selection.binary(), argv, lease, ctx, exits);
        }
    }

    /** An application read, with the evidence of the read. */
    public record Read(AppView view, ToolResult evidence) {
    }

    /**
     * Reads the application over the chosen transport and refuses it with {@code target_not_allowed}
     * when its project is not one of the environment's (S6) — before any write.
     */
    public Read read(Selection selection, ToolCall call, ToolContext ctx, boolean read) {
        String app = app(call);
        Read r;
        if (selection instanceof Selection.Cli c) {
            ProcessOutcome outcome = run(c, call.environment(), List.of("app", "get", app, "-o", "json"), ctx);
            ToolResult evidence = CliInvoker.result(outcome, null, java.util.Map.of());
            r = new Read(new AppView(parse(outcome.stdout(), evidence)), evidence);
        } else {
            ArgoRestClient.Reply reply = rest.getApp(call.environment(), app, read, ctx);
            r = new Read(new AppView(reply.json()), reply.evidence());
        }
        return new Read(checked(call.environment(), r.view(), r.evidence()), r.evidence());
    }

    /** The view itself when its project is allowed; a {@code target_not_allowed} refusal otherwise. */
    public AppView checked(String environment, AppView view, ToolResult evidence) {
        if (!targets.allowsProject(environment, view.project())) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "application " + view.name() + " belongs to project "
                    + view.project() + ", which is not one of environment " + environment + "'s projects "
                    + targets.projects(environment).stream().sorted().toList(), evidence);
        }
        return view;
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
}
