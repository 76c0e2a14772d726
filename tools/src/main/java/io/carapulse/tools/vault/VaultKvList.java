package io.carapulse.tools.vault;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vault.kv-list}: the keys under a KV v2 path, names only ({@code vault kv list -format=json
 * -mount=<m> <path>}, or {@code GET /v1/<m>/metadata/<path>?list=true}). Data:
 * {@code {"mount", "path", "keys": ["db", "api/"]}}.
 */
public final class VaultKvList extends VaultAction<VaultKvList.Arguments> {

    /** The arguments of {@code vault.kv-list}. */
    public record Arguments(
            @Arg(value = MOUNT_DOC, pattern = MOUNT) String mount,
            @Arg(value = PATH_DOC, pattern = KV_PATH) String path) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return kvProblems(vault, mount, path);
        }
    }

    public VaultKvList(VaultRuntime runtime) {
        super(runtime, "kv-list", ActionClass.READ, "List the keys under a KV v2 path (names only, never values)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 3);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "kv-list", uses(), context)) {
            ProcessOutcome outcome = cli.run(VaultRuntime.args(List.of("kv", "list"),
                    List.of("-format=json", "-mount=" + args.mount()), List.of(args.path())));
            return VaultRuntime.cliResult(outcome, VaultShapes.keys(args.mount(), args.path(),
                    VaultRuntime.parse(outcome)), cli.ids(Map.of("mount", args.mount())));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply reply = runtime.api().call(call.environment(), vault, "GET",
                args.mount() + "/metadata/" + args.path() + "?list=true", null, true, context);
        return VaultRuntime.httpResult(reply, VaultShapes.keys(args.mount(), args.path(), reply.json()),
                Map.of("mount", args.mount()));
    }
}
