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
 * {@code vault.lease-revoke-prefix} (BREAK_GLASS): revokes every lease under a prefix, e.g. every
 * credential a database role issued ({@code vault lease revoke -prefix <prefix>}, or
 * {@code PUT /v1/sys/leases/revoke-prefix/<prefix>}). The prefix must lie inside one of the environment's
 * lease prefixes. Not reversible. Data: {@code {"prefix", "revoked": true}}.
 */
public final class VaultLeaseRevokePrefix extends VaultAction<VaultLeaseRevokePrefix.Arguments> {

    /** The arguments of {@code vault.lease-revoke-prefix}. */
    public record Arguments(
            @Arg(value = "the lease prefix, e.g. database/creds/app/; inside one of the environment's lease-prefixes",
                    pattern = LEASE_ID) String prefix) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return leaseProblems(vault, "prefix", prefix);
        }
    }

    public VaultLeaseRevokePrefix(VaultRuntime runtime) {
        super(runtime, "lease-revoke-prefix", ActionClass.BREAK_GLASS,
                "Revoke every Vault lease under a prefix (all credentials a role issued)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(5), 2);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "lease-revoke-prefix", uses(), context)) {
            ProcessOutcome outcome = cli.run(List.of("lease", "revoke", "-prefix", args.prefix()));
            return VaultRuntime.cliResult(outcome, data(args.prefix()), cli.ids(Map.of("leasePrefix", args.prefix())));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "PUT",
                "sys/leases/revoke-prefix/" + args.prefix(), JsonNodeFactory.instance.objectNode(), false, context);
        return VaultRuntime.httpResult(reply, data(args.prefix()), Map.of("leasePrefix", args.prefix()));
    }

    private static ObjectNode data(String prefix) {
        return JsonNodeFactory.instance.objectNode().put("prefix", prefix).put("revoked", true);
    }
}
