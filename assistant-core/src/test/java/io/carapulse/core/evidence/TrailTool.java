package io.carapulse.core.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.evidence.FollowUpRequest;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Json;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A READ action whose provider records what it did only later, as CloudTrail does: {@code trail.touch}
 * asks for a follow-up of {@code kind} (when given) whose parameters carry the test's {@code key}, the
 * answers the {@link ScriptedFollowUp} should give, and canary secrets that must never be stored. Only
 * present when {@code carapulse.test.trail-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.trail-tool", value = "true")
public class TrailTool implements ToolAdapter {

    public static final String AWS_KEY = "AKIAQX3CANARY7FOLLOW";
    public static final String PASSWORD = "canary-Pa55-follow-9e1";

    @Override
    public String name() {
        return "trail";
    }

    @Override
    public String description() {
        return "test adapter whose provider records what it did later";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Touch());
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private static final class Touch implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("""
                    {"type":"object","additionalProperties":false,"properties":{
                      "kind":{"type":"string","pattern":"^[a-z.]{1,30}$"},
                      "key":{"type":"string","pattern":"^[a-z0-9]{1,40}$"},
                      "answers":{"type":"string","pattern":"^[a-z_,]{1,100}$"},
                      "giveUpMillis":{"type":"integer","minimum":1,"maximum":86400000}},
                     "required":["key"]}""");
            return new ActionDescriptor("touch", ActionClass.READ, "touch something CloudTrail-like", schema, false,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            ObjectNode args = call.args();
            ToolResult result = new ToolResult(Transport.LOCAL, List.of("trail", "touch"), 0, null, "touched", null,
                    Map.of("requestId", "req-" + args.get("key").asText()));
            if (!args.has("kind")) {
                return result;
            }
            ObjectNode params = Json.object();
            params.put("key", args.get("key").asText());
            params.put("answers", args.path("answers").asText("found"));
            params.put("note", "aws_access_key_id = " + AWS_KEY);
            params.putObject("nested").put("auth", "db password=" + PASSWORD);
            Duration giveUp = Duration.ofMillis(args.path("giveUpMillis").asLong(600_000));
            return result.withFollowUps(List.of(new FollowUpRequest(args.get("kind").asText(), params, giveUp)));
        }
    }
}
