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
 * {@code boundary.scopes}: one of the environment's declared scopes — its name, type and parent
 * ({@code boundary scopes read -id …} or {@code GET /v1/scopes/{id}}). The declared scopes themselves are in
 * the inventory's description.
 */
public final class BoundaryScopes extends BoundaryAction<BoundaryScopes.Arguments> {

    /** The arguments of {@code boundary.scopes}. */
    public record Arguments(
            @Arg(value = "the scope to read (one of the environment's Boundary scopes)", pattern = BoundaryIds.SCOPE)
            String scope) {
    }

    public BoundaryScopes(BoundaryRuntime runtime) {
        super(runtime, "scopes", ActionClass.READ,
                "Read one of the environment's Boundary scopes: name, type (global, org, project) and parent",
                Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        require("scope", args.scope(), boundary.scopes(), "scopes", problems);
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        BoundaryApi.Reply read = api.readScope(args.scope());
        return BoundaryRuntime.withData(read.evidence(), read.body(), Map.of("scopeId", args.scope()));
    }
}
