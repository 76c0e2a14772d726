package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;

/**
 * {@code aws.cloudtrail-events} (READ): CloudTrail management events of the last minutes, by resource
 * name, event name or user (at most one: {@code LookupEvents} takes one attribute). CLI:
 * {@code aws cloudtrail lookup-events --start-time <t> --end-time <t> --max-results <n>
 * [--lookup-attributes AttributeKey=<k>,AttributeValue=<v>]}; SDK: {@code LookupEvents}. Data:
 * {@code {events: [{id, name, time, username, source, access_key_id}]}}.
 */
public final class AwsCloudTrailEvents extends AwsAction<AwsCloudTrailEvents.Arguments> {

    static final String VALUE = "[A-Za-z0-9_][A-Za-z0-9 _.:/=+@-]{0,254}";

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "resource name or id", name = "resource_name", pattern = VALUE, maxLength = 255)
            Optional<String> resourceName,
            @Arg(value = "event name, e.g. SetDesiredCapacity", name = "event_name", pattern = VALUE, maxLength = 255)
            Optional<String> eventName,
            @Arg(value = "user name", pattern = VALUE, maxLength = 255) Optional<String> username,
            @Arg(value = "how far back, in minutes", min = 1, max = 10080) int minutes,
            @Arg(value = "at most this many events", name = "max_results", min = 1, max = 50) int maxResults)
            implements Target {
        public Arguments {
            if (Stream.of(resourceName, eventName, username).filter(Optional::isPresent).count() > 1) {
                throw ToolArgs.invalid("name at most one of resource_name, event_name and username (CloudTrail looks "
                        + "events up by one attribute)");
            }
        }
    }

    public AwsCloudTrailEvents(AwsRuntime runtime) {
        super(runtime, "cloudtrail-events", ActionClass.READ,
                "Look up CloudTrail events of the last minutes by resource, event name or user",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(args.minutes(), ChronoUnit.MINUTES);
        Optional<String[]> attribute = args.resourceName().map(v -> new String[]{"ResourceName", v})
                .or(() -> args.eventName().map(v -> new String[]{"EventName", v}))
                .or(() -> args.username().map(v -> new String[]{"Username", v}));
        JsonNode answer = lookup(aws, start, end, attribute, args.maxResults());
        ObjectNode data = AwsJson.object().put("start", start.toString()).put("end", end.toString());
        data.set("events", events(answer));
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    static JsonNode lookup(AwsCall aws, Instant start, Instant end, Optional<String[]> attribute, int max) {
        List<String> cli = new ArrayList<>(List.of("cloudtrail", "lookup-events", "--start-time", start.toString(),
                "--end-time", end.toString(), "--max-results", String.valueOf(max)));
        attribute.ifPresent(a -> {
            cli.add("--lookup-attributes");
            cli.add("AttributeKey=" + a[0] + ",AttributeValue=" + a[1]);
        });
        return aws.request("cloudtrail:LookupEvents", cli, c -> c.cloudtrail().lookupEvents(r -> {
            r.startTime(start).endTime(end).maxResults(max);
            attribute.ifPresent(a -> r.lookupAttributes(LookupAttribute.builder().attributeKey(a[0])
                    .attributeValue(a[1]).build()));
        }));
    }

    static ArrayNode events(JsonNode answer) {
        ArrayNode events = AwsJson.array();
        answer.path("Events").forEach(e -> events.addObject().put("id", e.path("EventId").asText())
                .put("name", e.path("EventName").asText()).put("time", e.path("EventTime").asText())
                .put("username", e.path("Username").asText()).put("source", e.path("EventSource").asText())
                .put("access_key_id", e.path("AccessKeyId").asText("")));
        return events;
    }
}
