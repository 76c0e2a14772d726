package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code vault.kv-metadata}: a KV v2 secret's versions and times, never its values
 * ({@code vault kv metadata get -format=json -mount=<m> <path>}, or {@code GET /v1/<m>/metadata/<path>}).
 * Data: {@code {"mount", "path", "currentVersion", "oldestVersion", "maxVersions", "createdTime",
 * "updatedTime", "casRequired", "deleteVersionAfter", "versions": [{"version", "createdTime",
 * "deletionTime", "destroyed"}], "customMetadataKeys"}}.
 */
public final class VaultKvMetadata extends VaultAction<VaultKvMetadata.Arguments> {

    /** The arguments of {@code vault.kv-metadata}. */
    public record Arguments(
            @Arg(value = MOUNT_DOC, pattern = MOUNT) String mount,
            @Arg(value = PATH_DOC, pattern = KV_PATH) String path) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return kvProblems(vault, mount, path);
        }
    }

    public VaultKvMetadata(VaultRuntime runtime) {
        super(runtime, "kv-metadata", ActionClass.READ,
                "Show a KV v2 secret's versions and their times (metadata only, never values)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(30), 3);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "kv-metadata", uses(), context)) {
            return read(cli, args.mount(), args.path());
        }
    }

    /** {@code vault kv metadata get} with an open CLI (also the read before a rollback). */
    static ToolResult read(VaultRuntime.Cli cli, String mount, String path) {
        ProcessOutcome outcome = cli.run(VaultRuntime.args(List.of("kv", "metadata", "get"),
                List.of("-format=json", "-mount=" + mount), List.of(path)));
        JsonNode printed = VaultRuntime.parse(outcome);
        Map<String, String> ids = new LinkedHashMap<>(VaultRuntime.requestId(printed));
        ids.put("mount", mount);
        return VaultRuntime.cliResult(outcome, VaultShapes.metadata(mount, path, printed), cli.ids(ids));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        return read(runtime, call.environment(), args.mount(), args.path(), true, context);
    }

    /** {@code GET /v1/<mount>/metadata/<path>}. */
    static ToolResult read(VaultRuntime runtime, String environment, String mount, String path, boolean read,
                           ToolContext context) {
        VaultInstance vault = runtime.vault(environment);
        VaultApi.Reply reply = runtime.api().call(environment, vault, "GET", mount + "/metadata/" + path, null, read,
                context);
        return VaultRuntime.httpResult(reply, VaultShapes.metadata(mount, path, reply.json()), Map.of("mount", mount));
    }
}
