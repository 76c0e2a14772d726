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
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code boundary.sessions}: the sessions on a declared target, or a user's sessions in a declared scope
 * ({@code boundary sessions list -scope-id … -filter '"/item/target_id" == "…"'} or
 * {@code GET /v1/sessions?scope_id=…&filter=…}, every page). Boundary lists live sessions unless
 * {@code includeTerminated} asks for ended ones too.
 */
public final class BoundarySessions extends BoundaryAction<BoundarySessions.Arguments> {

    /** The arguments of {@code boundary.sessions}: exactly one of target and user; a user needs a scope. */
    public record Arguments(
            @Arg(value = BoundaryTargetGet.TARGET, pattern = BoundaryIds.TARGET) Optional<String> target,
            @Arg(value = "the user (u_…) whose sessions to list, in scope", pattern = BoundaryIds.USER)
            Optional<String> user,
            @Arg(value = "the scope to look in for a user's sessions (one of the environment's Boundary scopes)",
                    pattern = BoundaryIds.SCOPE) Optional<String> scope,
            @Arg("also list sessions that have ended (default false)") Optional<Boolean> includeTerminated) {

        public Arguments {
            if (target.isPresent() == user.isPresent()) {
                throw ToolArgs.invalid("name exactly one of target and user");
            }
            if (user.isPresent() && scope.isEmpty()) {
                throw ToolArgs.invalid("a user's sessions are listed in one scope: name scope too");
            }
            if (target.isPresent() && scope.isPresent()) {
                throw ToolArgs.invalid("a target's sessions are listed in the target's own scope: leave scope out");
            }
        }
    }

    public BoundarySessions(BoundaryRuntime runtime) {
        super(runtime, "sessions", ActionClass.READ,
                "List the Boundary sessions on one of the environment's targets, or of one user in a declared scope",
                Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        args.target().ifPresent(t -> require("target", t, boundary.targets(), "targets", problems));
        args.scope().ifPresent(s -> require("scope", s, boundary.scopes(), "scopes", problems));
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        boolean terminated = args.includeTerminated().orElse(false);
        Map<String, String> ids = new LinkedHashMap<>();
        BoundaryApi.Reply list;
        if (args.target().isPresent()) {
            BoundaryRuntime.Target t = runtime.target(api, call.environment(), args.target().get());
            String scope = t.item().path("scope_id").asText();
            list = api.listSessions(scope, "\"/item/target_id\" == \"" + t.id() + "\"", terminated);
            ids.put("targetId", t.id());
            ids.put("scopeId", scope);
        } else {
            list = api.listSessions(args.scope().orElseThrow(), "\"/item/user_id\" == \"" + args.user().orElseThrow()
                    + "\"", terminated);
            ids.put("userId", args.user().get());
            ids.put("scopeId", args.scope().get());
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode sessions = data.putArray("sessions");
        List<String> sessionIds = new ArrayList<>();
        for (JsonNode s : list.body()) {
            ObjectNode o = sessions.addObject();
            for (String field : List.of("id", "target_id", "user_id", "scope_id", "status", "type", "created_time",
                    "expiration_time", "termination_reason")) {
                if (s.hasNonNull(field)) {
                    o.set(field, s.get(field));
                }
            }
            sessionIds.add(s.path("id").asText());
        }
        ids.put("sessionCount", Integer.toString(sessionIds.size()));
        if (!sessionIds.isEmpty()) {
            ids.put("sessionIds", String.join(",", sessionIds.subList(0, Math.min(50, sessionIds.size()))));
        }
        return BoundaryRuntime.withData(list.evidence(), data, ids);
    }
}
