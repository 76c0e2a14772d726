package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultShapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vault.lease-lookup}: a lease's issue and expiry times, TTL and renewability
 * ({@code vault lease lookup -format=json <id>}, or {@code PUT /v1/sys/leases/lookup}). Data:
 * {@code {"leaseId", "issueTime", "expireTime", "lastRenewal", "renewable", "ttl"}}.
 */
public final class VaultLeaseLookup extends VaultAction<VaultLeaseLookup.Arguments> {

    /** The arguments of {@code vault.lease-lookup}. */
    public record Arguments(@Arg(value = LEASE_DOC, pattern = LEASE_ID) String leaseId) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return leaseProblems(vault, "leaseId", leaseId);
        }
    }

    public VaultLeaseLookup(VaultRuntime runtime) {
        super(runtime, "lease-lookup", ActionClass.READ, "Show a Vault lease's issue and expiry times, TTL and renewability",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 2);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "lease-lookup", uses(), context)) {
            ProcessOutcome outcome = cli.run(VaultRuntime.args(List.of("lease", "lookup"), List.of("-format=json"),
                    List.of(args.leaseId())));
            JsonNode printed = VaultRuntime.parse(outcome);
            Map<String, String> ids = new LinkedHashMap<>(VaultRuntime.requestId(printed));
            ids.put("leaseId", args.leaseId());
            return VaultRuntime.cliResult(outcome, VaultShapes.lease(printed), cli.ids(ids));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "PUT", "sys/leases/lookup",
                JsonNodeFactory.instance.objectNode().put("lease_id", args.leaseId()), true, context);
        return VaultRuntime.httpResult(reply, VaultShapes.lease(reply.json()), Map.of("leaseId", args.leaseId()));
    }
}
