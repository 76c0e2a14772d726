package io.carapulse.tools.boundary;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code boundary.target-get}: one declared target ({@code boundary targets read -id …} or
 * {@code GET /v1/targets/{id}}); a target declared by name is first found in the declared scopes
 * ({@code targets list -filter '"/item/name" == "…"'}).
 */
public final class BoundaryTargetGet extends BoundaryAction<BoundaryTargetGet.Arguments> {

    /** The description of every {@code target} argument. */
    static final String TARGET = "the target, by id (ttcp_…) or name, as the environment's Boundary targets list it";

    /** The arguments of {@code boundary.target-get}. */
    public record Arguments(@Arg(value = TARGET, pattern = BoundaryIds.TARGET) String target) {
    }

    public BoundaryTargetGet(BoundaryRuntime runtime) {
        super(runtime, "target-get", ActionClass.READ,
                "Show one of the environment's Boundary targets: type, scope, address, host sources, session limits",
                Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        require("target", args.target(), boundary.targets(), "targets", problems);
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        BoundaryRuntime.Target t = runtime.target(api, call.environment(), args.target());
        return BoundaryRuntime.withData(t.evidence(), t.item(), Map.of("targetId", t.id(),
                "scopeId", t.item().path("scope_id").asText()));
    }
}
