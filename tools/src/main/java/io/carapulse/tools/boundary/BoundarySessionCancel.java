package io.carapulse.tools.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code boundary.session-cancel}: ends a live session (incident response): {@code boundary sessions cancel
 * -id …} or {@code POST /v1/sessions/{id}:cancel} with the session's {@code version}. The session is read
 * first: it must live in a declared scope and be on a declared target (S6); one already ending or ended is
 * left as it is. Not reversible: a cancelled session cannot be resumed.
 */
public final class BoundarySessionCancel extends BoundaryAction<BoundarySessionCancel.Arguments> {

    private static final Set<String> ENDED = Set.of("canceling", "terminated");

    /** The arguments of {@code boundary.session-cancel}. */
    public record Arguments(
            @Arg(value = "the session (s_…) to end; it must be on one of the environment's Boundary targets",
                    pattern = BoundaryIds.SESSION) String session) {
    }

    public BoundarySessionCancel(BoundaryRuntime runtime) {
        super(runtime, "session-cancel", ActionClass.WRITE,
                "End a live Boundary session on one of the environment's targets (incident response)",
                Arguments.class, false, Duration.ofMinutes(2));
    }

    /** The session's target is known only once it is read ({@link BoundaryRuntime#session}). */
    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        BoundaryApi.Reply read = runtime.session(api, call.environment(), args.session());
        JsonNode session = read.body();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("sessionId", args.session());
        ids.put("targetId", session.path("target_id").asText());
        ids.put("userId", session.path("user_id").asText());
        ids.put("scopeId", session.path("scope_id").asText());
        if (ENDED.contains(session.path("status").asText())) {
            return BoundaryRuntime.withData(read.evidence(), data(false, session), ids);
        }
        BoundaryApi.Reply cancelled = api.cancelSession(args.session(), session.path("version").asLong());
        return BoundaryRuntime.withData(cancelled.evidence(), data(true, cancelled.body()), ids);
    }

    private static ObjectNode data(boolean changed, JsonNode session) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("changed", changed);
        data.put("status", session.path("status").asText());
        return data;
    }
}
