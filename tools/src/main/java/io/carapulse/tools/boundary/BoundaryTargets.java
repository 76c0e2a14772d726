package io.carapulse.tools.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code boundary.targets}: the targets of a declared scope ({@code boundary targets list -scope-id …},
 * {@code -recursive} for an org or global; or {@code GET /v1/targets?scope_id=…}, every page), each marked
 * {@code declared} when steps may touch it.
 */
public final class BoundaryTargets extends BoundaryAction<BoundaryTargets.Arguments> {

    /** The arguments of {@code boundary.targets}. */
    public record Arguments(
            @Arg(value = "the scope to list (one of the environment's Boundary scopes)", pattern = BoundaryIds.SCOPE)
            String scope) {
    }

    public BoundaryTargets(BoundaryRuntime runtime) {
        super(runtime, "targets", ActionClass.READ,
                "List the Boundary targets of one of the environment's scopes, marking those steps may touch",
                Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        require("scope", args.scope(), boundary.scopes(), "scopes", problems);
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        BoundaryInstance b = runtime.instance(call.environment());
        BoundaryApi.Reply list = api.listTargets(args.scope(), Optional.empty());
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("scope", args.scope());
        ArrayNode targets = data.putArray("targets");
        for (JsonNode t : list.body()) {
            ObjectNode o = targets.addObject();
            for (String field : List.of("id", "name", "type", "scope_id", "description", "address")) {
                if (t.hasNonNull(field)) {
                    o.set(field, t.get(field));
                }
            }
            o.put("declared", b.declaresTarget(t.path("id").asText()) || b.declaresTarget(t.path("name").asText()));
        }
        return BoundaryRuntime.withData(list.evidence(), data, Map.of("scopeId", args.scope(),
                "targetCount", Integer.toString(targets.size())));
    }
}
