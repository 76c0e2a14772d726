package io.carapulse.tools.vault;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultShapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code vault.status}: health and seal state ({@code vault status -format=json}, which exits 2 when sealed;
 * or {@code GET /v1/sys/health}, which answers 503 when sealed, 429 on a standby). Needs no token, so it
 * works while Vault is sealed. Data: {@code {"initialized", "sealed", "standby", "version", "clusterName",
 * "clusterId"}}.
 */
public final class VaultStatus extends VaultAction<VaultStatus.Arguments> {

    /** {@code vault.status} takes no arguments: the Vault comes from the inventory. */
    public record Arguments() implements Args {
    }

    /** Health answers that are a state, not a failure: standby, DR/performance standby, not initialised, sealed. */
    private static final Set<Integer> HEALTH_STATES = Set.of(429, 472, 473, 501, 503);

    public VaultStatus(VaultRuntime runtime) {
        super(runtime, "status", ActionClass.READ, "Show the environment's Vault health and seal state",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 0);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        VaultRuntime.Status status = runtime.status(vault, call.environment(), context);
        return VaultRuntime.cliResult(status.evidence(), VaultShapes.status(status.printed()), Map.of());
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().unauthenticated(vault, "GET", "sys/health", HEALTH_STATES, context);
        return VaultRuntime.httpResult(reply, VaultShapes.status(reply.json()), Map.of());
    }
}
