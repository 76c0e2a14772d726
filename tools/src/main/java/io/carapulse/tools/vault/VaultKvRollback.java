package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultShapes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vault.kv-rollback}: makes an earlier version of a KV v2 secret the current one, as a new version
 * ({@code vault kv rollback -format=json -mount=<m> -version=<n> <path>}; over HTTP the same steps the CLI
 * takes: {@code GET …/metadata/<path>}, {@code GET …/data/<path>?version=<n>}, {@code POST …/data/<path>}
 * with {@code cas} = the current version, the values held in memory only). Reversible: the inverse is a
 * rollback to the version that was current before. Data: {@code {"mount", "path", "rolledBackTo",
 * "newVersion", "createdTime"}}; never a value.
 */
public final class VaultKvRollback extends VaultAction<VaultKvRollback.Arguments> {

    /** The arguments of {@code vault.kv-rollback}. */
    public record Arguments(
            @Arg(value = MOUNT_DOC, pattern = MOUNT) String mount,
            @Arg(value = PATH_DOC, pattern = KV_PATH) String path,
            @Arg(value = "the version to make current again (see kv-metadata)", min = 1, max = Integer.MAX_VALUE)
            long version) implements Args {

        public Arguments {
            if (path != null && path.endsWith("/")) {
                throw io.carapulse.tools.family.ToolArgs.invalid("path: a secret, not a directory (no trailing /)");
            }
        }

        @Override
        public List<String> problems(VaultInstance vault) {
            return kvProblems(vault, mount, path);
        }
    }

    public VaultKvRollback(VaultRuntime runtime) {
        super(runtime, "kv-rollback", ActionClass.WRITE,
                "Make an earlier version of a KV v2 secret current again (as a new version; values never shown)",
                Arguments.class, true, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1), 6);
    }

    /** A rollback to the version current now. */
    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        ToolResult now;
        if (runtime.select(call, true) instanceof Selection.Cli cli) {
            try (VaultRuntime.Cli vault = runtime.cli(cli.binary(), call.environment(), "kv-metadata", 3, context)) {
                now = VaultKvMetadata.read(vault, args.mount(), args.path());
            }
        } else {
            now = VaultKvMetadata.read(runtime, call.environment(), args.mount(), args.path(), true, context);
        }
        JsonNode current = now.data().path("currentVersion");
        if (!current.isNumber() || current.asLong() < 1) {
            throw new ToolException(ToolFailure.PRECONDITION_FAILED, args.mount() + "/" + args.path()
                    + " has no current version to return to", now);
        }
        return Optional.of(same(call, new Arguments(args.mount(), args.path(), current.asLong())));
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "kv-rollback", uses(), context)) {
            ProcessOutcome outcome = cli.run(VaultRuntime.args(List.of("kv", "rollback"),
                    List.of("-format=json", "-mount=" + args.mount(), "-version=" + args.version()),
                    List.of(args.path())));
            JsonNode printed = VaultRuntime.parse(outcome);
            ObjectNode data = VaultShapes.written(args.mount(), args.path(), args.version(), printed);
            return VaultRuntime.cliResult(outcome, data, cli.ids(ids(printed, args, data)));
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        String env = call.environment();
        VaultInstance vault = runtime.vault(env);
        String metadataPath = args.mount() + "/metadata/" + args.path();
        String dataPath = args.mount() + "/data/" + args.path();
        VaultApi.Reply metadata = runtime.api().call(env, vault, "GET", metadataPath, null, false, context);
        long current = metadata.json().path("data").path("current_version").asLong(0);
        JsonNode target = metadata.json().path("data").path("versions").path(Long.toString(args.version()));
        if (target.isMissingNode() || target.path("destroyed").asBoolean(false)
                || !target.path("deletion_time").asText("").isEmpty()) {
            throw new ToolException(ToolFailure.PRECONDITION_FAILED, "version " + args.version() + " of "
                    + args.mount() + "/" + args.path() + " does not exist, is deleted or destroyed", metadata.evidence());
        }
        JsonNode values = runtime.api().call(env, vault, "GET", dataPath + "?version=" + args.version(), null, false,
                context).json().path("data").path("data");
        if (!values.isObject()) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "version " + args.version() + " of " + args.mount() + "/"
                    + args.path() + " has no data to roll back to", metadata.evidence());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("options").put("cas", current);
        body.set("data", values);
        VaultApi.Reply written = runtime.api().call(env, vault, "POST", dataPath, body, false, context);
        ObjectNode data = VaultShapes.written(args.mount(), args.path(), args.version(), written.json());
        Map<String, String> ids = ids(written.json(), args, data);
        ids.put("previousVersion", Long.toString(current));
        return VaultRuntime.httpResult(written, data, ids);
    }

    private static Map<String, String> ids(JsonNode printed, Arguments args, ObjectNode data) {
        Map<String, String> ids = new LinkedHashMap<>(VaultRuntime.requestId(printed));
        ids.put("mount", args.mount());
        if (data.path("newVersion").isNumber()) {
            ids.put("version", data.path("newVersion").asText());
        }
        return ids;
    }
}
