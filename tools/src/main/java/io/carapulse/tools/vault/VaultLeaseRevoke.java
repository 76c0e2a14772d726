package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.vault.internal.VaultApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vault.lease-revoke}: revokes one lease ({@code vault lease revoke <id>}, or
 * {@code PUT /v1/sys/leases/revoke}); the credential it leased stops working. Not reversible. Data:
 * {@code {"leaseId", "revoked": true}}.
 */
public final class VaultLeaseRevoke extends VaultAction<VaultLeaseRevoke.Arguments> {

    /** The arguments of {@code vault.lease-revoke}. */
    public record Arguments(@Arg(value = LEASE_DOC, pattern = LEASE_ID) String leaseId) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            List<String> problems = leaseProblems(vault, "leaseId", leaseId);
            return !problems.isEmpty() || !leaseId.endsWith("/") ? problems
                    : List.of("leaseId: " + leaseId + " is a prefix; revoking a prefix is lease-revoke-prefix");
        }
    }

    public VaultLeaseRevoke(VaultRuntime runtime) {
        super(runtime, "lease-revoke", ActionClass.WRITE, "Revoke one Vault lease (its credential stops working)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60), 2);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "lease-revoke", uses(), context)) {
            ProcessOutcome outcome = cli.run(List.of("lease", "revoke", args.leaseId()));
            return VaultRuntime.cliResult(outcome, data(args.leaseId()), cli.ids(Map.of("leaseId", args.leaseId())));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "PUT", "sys/leases/revoke",
                JsonNodeFactory.instance.objectNode().put("lease_id", args.leaseId()), false, context);
        return VaultRuntime.httpResult(reply, data(args.leaseId()), Map.of("leaseId", args.leaseId()));
    }

    private static ObjectNode data(String leaseId) {
        return JsonNodeFactory.instance.objectNode().put("leaseId", leaseId).put("revoked", true);
    }
}
