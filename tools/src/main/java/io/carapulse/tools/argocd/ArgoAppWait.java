package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.ArgoApps;
import io.carapulse.tools.argocd.internal.ArgoSchemas;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.Selection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code argocd.app-wait}: waits until the application is Healthy and Synced
 * ({@code argocd app wait <app> --health --sync --timeout <s>}, or polling
 * {@code GET /api/v1/applications/{name}} every two seconds), then returns the app's state so a
 * verify step can assert {@code {"pointer": "/health", "op": "eq", "value": "Healthy"}}.
 */
public final class ArgoAppWait extends ArgoAction {

    static final Duration POLL = Duration.ofSeconds(2);
    private static final int DEFAULT_SECONDS = 300;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-wait", ActionClass.READ,
            "Wait until an Argo CD application is Healthy and Synced, then show its state", schema(), false,
            Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(15));

    public ArgoAppWait(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    private static ObjectNode schema() {
        ObjectNode p = ArgoSchemas.appProperty();
        p.putObject("timeoutSeconds").put("type", "integer").put("minimum", 1).put("maximum", 3600)
                .put("default", DEFAULT_SECONDS).put("description", "how long to wait at most (the step's deadline "
                        + "also bounds it)");
        return ArgoSchemas.object(p);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Selection selection = apps.select(true);
        ArgoApps.Read first = apps.read(selection, call, context, true);
        long seconds = seconds(call, context);
        if (selection instanceof Selection.Cli cli) {
            ToolResult evidence = CliInvoker.result(apps.run(cli, call.environment(), List.of("app", "wait",
                    ArgoApps.app(call), "--health", "--sync", "--timeout", Long.toString(seconds)), context),
                    null, Map.of());
            ArgoApps.Read after = apps.read(selection, call, context, true);
            return ArgoSchemas.withData(evidence, after.view().data(), after.view().externalIds());
        }
        return poll(call, context, first, Instant.now().plusSeconds(seconds));
    }

    private ToolResult poll(ToolCall call, ToolContext context, ArgoApps.Read first, Instant until) {
        CountDownLatch cancelled = new CountDownLatch(1);
        context.cancellation().onCancel(cancelled::countDown);
        ArgoApps.Read last = first;
        while (true) {
            if (last.view().healthyAndSynced()) {
                return ArgoSchemas.withData(last.evidence(), last.view().data(), last.view().externalIds());
            }
            if (!Instant.now().plus(POLL).isBefore(until)) {
                throw new ToolException(ToolFailure.TIMED_OUT, "application " + ArgoApps.app(call) + " was not Healthy and "
                        + "Synced in time: health " + last.view().health() + ", sync " + last.view().sync(),
                        ArgoSchemas.withData(last.evidence(), last.view().data(), Map.of()));
            }
            try {
                if (cancelled.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ToolException(ToolFailure.CANCELLED, "waiting for " + ArgoApps.app(call) + " was cancelled",
                            last.evidence());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException(ToolFailure.CANCELLED, "waiting for " + ArgoApps.app(call) + " was interrupted",
                        last.evidence());
            }
            try {
                last = apps.read(new Selection.Http(), call, context, true);
            } catch (RetriableToolException e) {
                // a transient answer while waiting is not the app's state; ask again at the next tick
            }
        }
    }

    /** The requested wait, cut to what the step's deadline leaves (at least one second). */
    private static long seconds(ToolCall call, ToolContext context) {
        long asked = call.args().path("timeoutSeconds").asLong(DEFAULT_SECONDS);
        long left = Duration.between(Instant.now(), context.deadline()).minusSeconds(5).toSeconds();
        return Math.max(1, Math.min(asked, left));
    }
}
