package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.Arg;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code argocd.app-wait}: waits until the application is Healthy and Synced
 * ({@code argocd app wait <app> --health --sync --timeout <s>}, or polling
 * {@code GET /api/v1/applications/{name}} every two seconds), then returns the app's state so a
 * verify step can assert {@code {"pointer": "/health", "op": "eq", "value": "Healthy"}}.
 */
public final class ArgoAppWait extends ArgoAction<ArgoAppWait.Arguments> {

    static final Duration POLL = Duration.ofSeconds(2);
    private static final int DEFAULT_SECONDS = 300;

    /** The arguments of {@code argocd.app-wait}. */
    public record Arguments(
            @Arg(value = APP, pattern = APP_NAME) String app,
            @Arg(value = "how long to wait at most (default 300; the step's deadline also bounds it)", min = 1,
                    max = 3600) Optional<Integer> timeoutSeconds) implements OnApp {
    }

    public ArgoAppWait(ArgoRuntime runtime) {
        super(runtime, "app-wait", ActionClass.READ,
                "Wait until an Argo CD application is Healthy and Synced, then show its state",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(15));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        runtime.read(argocd, call, args.app(), context);
        long seconds = seconds(args, context);
        ToolResult evidence = CliInvoker.result(runtime.argocd(argocd, call.environment(), List.of("app", "wait",
                args.app(), "--health", "--sync", "--timeout", Long.toString(seconds)), context), null, Map.of());
        ArgoRuntime.Read after = runtime.read(argocd, call, args.app(), context);
        return ArgoRuntime.withData(evidence, after.view().data(), after.view().externalIds());
    }

    /** Polls {@code GET /api/v1/applications/{name}} every {@link #POLL} until Healthy and Synced. */
    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        ArgoRuntime.Read last = runtime.read(call, args.app(), true, context);
        Instant until = Instant.now().plusSeconds(seconds(args, context));
        CountDownLatch cancelled = new CountDownLatch(1);
        context.cancellation().onCancel(cancelled::countDown);
        while (true) {
            if (last.view().healthyAndSynced()) {
                return ArgoRuntime.state(last);
            }
            if (!Instant.now().plus(POLL).isBefore(until)) {
                throw new ToolException(ToolFailure.TIMED_OUT, "application " + args.app() + " was not Healthy and "
                        + "Synced in time: health " + last.view().health() + ", sync " + last.view().sync(),
                        ArgoRuntime.withData(last.evidence(), last.view().data(), Map.of()));
            }
            try {
                if (cancelled.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ToolException(ToolFailure.CANCELLED, "waiting for " + args.app() + " was cancelled",
                            last.evidence());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException(ToolFailure.CANCELLED, "waiting for " + args.app() + " was interrupted",
                        last.evidence());
            }
            try {
                last = runtime.read(call, args.app(), true, context);
            } catch (RetriableToolException e) {
                // a transient answer while waiting is not the app's state; ask again at the next tick
            }
        }
    }

    /** The requested wait, cut to what the step's deadline leaves (at least one second). */
    private static long seconds(Arguments args, ToolContext context) {
        long asked = args.timeoutSeconds().orElse(DEFAULT_SECONDS);
        long left = Duration.between(Instant.now(), context.deadline()).minusSeconds(5).toSeconds();
        return Math.max(1, Math.min(asked, left));
    }
}
