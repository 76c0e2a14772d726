package io.carapulse.tools.vault;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultShapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vault.audit-devices}: the enabled audit devices, where they log and whether accessors are
 * HMAC'd ({@code vault audit list -format=json -detailed}, or {@code GET /v1/sys/audit}); needs
 * {@code sudo} on {@code sys/audit}, so it answers {@code forbidden} when the policy does not allow it.
 * Data: {@code {"devices": [{"path", "type", "description", "local", "options"}]}}.
 */
public final class VaultAuditDevices extends VaultAction<VaultAuditDevices.Arguments> {

    /** {@code vault.audit-devices} takes no arguments. */
    public record Arguments() implements Args {
    }

    public VaultAuditDevices(VaultRuntime runtime) {
        super(runtime, "audit-devices", ActionClass.READ,
                "List the Vault audit devices and where they log (when the policy allows reading sys/audit)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 2);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "audit-devices", uses(), context)) {
            ProcessOutcome outcome = cli.run(List.of("audit", "list", "-format=json", "-detailed"));
            return VaultRuntime.cliResult(outcome, VaultShapes.audit(VaultRuntime.parse(outcome)), cli.ids(Map.of()));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "GET", "sys/audit", null, true, context);
        return VaultRuntime.httpResult(reply, VaultShapes.audit(reply.json()), Map.of());
    }
}
