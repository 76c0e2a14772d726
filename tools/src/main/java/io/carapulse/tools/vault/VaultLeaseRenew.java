package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.carapulse.tools.vault.internal.VaultShapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vault.lease-renew}: extends a lease ({@code vault lease renew -format=json [-increment=<n>s] <id>},
 * or {@code PUT /v1/sys/leases/renew}). Not reversible: Vault cannot shorten a lease back. Data:
 * {@code {"leaseId", "leaseDuration", "renewable"}}; the renewal's data (a credential) is never shown.
 */
public final class VaultLeaseRenew extends VaultAction<VaultLeaseRenew.Arguments> {

    /** The arguments of {@code vault.lease-renew}. */
    public record Arguments(
            @Arg(value = LEASE_DOC, pattern = LEASE_ID) String leaseId,
            @Arg(value = "the requested extension in seconds (Vault may grant less); default: the mount's",
                    min = 1, max = 2_592_000) Optional<Long> incrementSeconds) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return leaseProblems(vault, "leaseId", leaseId);
        }
    }

    public VaultLeaseRenew(VaultRuntime runtime) {
        super(runtime, "lease-renew", ActionClass.WRITE, "Renew a Vault lease (optionally by a number of seconds)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 2);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "lease-renew", uses(), context)) {
            List<String> flags = new ArrayList<>(List.of("-format=json"));
            args.incrementSeconds().ifPresent(s -> flags.add("-increment=" + s + "s"));
            ProcessOutcome outcome = cli.run(VaultRuntime.args(List.of("lease", "renew"), flags,
                    List.of(args.leaseId())));
            JsonNode printed = VaultRuntime.parse(outcome);
            Map<String, String> ids = new LinkedHashMap<>(VaultRuntime.requestId(printed));
            ids.put("leaseId", args.leaseId());
            return VaultRuntime.cliResult(outcome, VaultShapes.renewed(printed), cli.ids(ids));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("lease_id", args.leaseId());
        args.incrementSeconds().ifPresent(s -> body.put("increment", s));
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "PUT", "sys/leases/renew", body, false,
                context);
        return VaultRuntime.httpResult(reply, VaultShapes.renewed(reply.json()), Map.of("leaseId", args.leaseId()));
    }
}
