package io.carapulse.tools.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.error.RetriableException;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
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
import java.util.function.Supplier;

/**
 * {@code vault.db-rotate-role}: rotates a database static role's password now
 * ({@code vault write -format=json -f <mount>/rotate-role/<role>}, or {@code POST /v1/<mount>/rotate-role/<role>}),
 * then reads the role back ({@code <mount>/static-roles/<role>}: rotation time, never the password) for the
 * evidence. Not reversible: the old password is gone. Data: {@code {"mount", "role", "lastVaultRotation",
 * "rotationPeriod", "username", "dbName"}}.
 */
public final class VaultDbRotateRole extends VaultAction<VaultDbRotateRole.Arguments> {

    /** The arguments of {@code vault.db-rotate-role}. */
    public record Arguments(
            @Arg(value = "the database secrets engine's mount, e.g. database", pattern = MOUNT) String mount,
            @Arg(value = "the static role; <mount>/<role> must be one of the environment's database-static-roles",
                    pattern = ROLE) String role) implements Args {

        @Override
        public List<String> problems(VaultInstance vault) {
            return vault.databaseStaticRoles().contains(mount + "/" + role) ? List.of()
                    : List.of("role: " + mount + "/" + role + " is not one of the environment's database-static-roles "
                    + vault.databaseStaticRoles().stream().sorted().toList());
        }
    }

    public VaultDbRotateRole(VaultRuntime runtime) {
        super(runtime, "db-rotate-role", ActionClass.WRITE, "Rotate a database static role's password now",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(2), 3);
    }

    @Override
    protected ToolResult viaCli(Path vault, Arguments args, ToolCall call, ToolContext context) {
        try (VaultRuntime.Cli cli = runtime.cli(vault, call.environment(), "db-rotate-role", uses(), context)) {
            ProcessOutcome rotated = cli.run(List.of("write", "-format=json", "-f",
                    args.mount() + "/rotate-role/" + args.role()));
            Map<String, String> ids = new LinkedHashMap<>(VaultRuntime.requestId(VaultRuntime.parse(rotated)));
            ids.put("mount", args.mount());
            ids.put("role", args.role());
            ToolResult written = VaultRuntime.cliResult(rotated, JsonNodeFactory.instance.objectNode(), cli.ids(ids));
            JsonNode printed = afterRotation(call, written,
                    () -> VaultRuntime.parse(cli.run(List.of("read", "-format=json",
                            args.mount() + "/static-roles/" + args.role()))));
            VaultRuntime.requestId(printed).values().forEach(id -> ids.put("readRequestId", id));
            return VaultRuntime.cliResult(rotated, VaultShapes.staticRole(args.mount(), args.role(), printed),
                    cli.ids(ids));
        }
    }

    /**
     * The role read back after the rotation; a failed read after a rotation that happened is reported as such,
     * with the rotation's evidence, never hidden (the password has changed either way).
     */
    private static JsonNode afterRotation(ToolCall call, ToolResult written, Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (ToolException | RetriableException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, call.qualifiedName() + " rotated the password, but "
                    + "reading the role afterwards failed: " + e.getMessage(), written, e);
        }
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        VaultInstance vault = runtime.vault(call.environment());
        VaultApi.Reply rotated = runtime.api().call(call.environment(), vault, "POST",
                args.mount() + "/rotate-role/" + args.role(), JsonNodeFactory.instance.objectNode(), false, context);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("mount", args.mount());
        ids.put("role", args.role());
        ToolResult written = VaultRuntime.httpResult(rotated, JsonNodeFactory.instance.objectNode(), ids);
        VaultApi.Reply[] role = new VaultApi.Reply[1];
        afterRotation(call, written, () -> {
            role[0] = runtime.api().call(call.environment(), vault, "GET",
                    args.mount() + "/static-roles/" + args.role(), null, false, context);
            return role[0].json();
        });
        if (role[0].requestId() != null) {
            ids.put("readRequestId", role[0].requestId());
        }
        return VaultRuntime.httpResult(rotated, VaultShapes.staticRole(args.mount(), args.role(), role[0].json()), ids);
    }
}
