package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.asg-describe} (READ): an Auto Scaling group's capacity and instances. CLI:
 * {@code aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names <name>}; SDK:
 * {@code DescribeAutoScalingGroups}. Data: {@code {name, desired, min, max, instances: [{id,
 * lifecycle_state, health_status, availability_zone}]}}.
 */
public final class AwsAsgDescribe extends AwsAction<AwsAsgDescribe.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "Auto Scaling group name", pattern = NAME_PATTERN, maxLength = 255) String name) implements Target {
    }

    public AwsAsgDescribe(AwsRuntime runtime) {
        super(runtime, "asg-describe", ActionClass.READ, "Describe an Auto Scaling group: desired, min, max, instances",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode data = read(aws, args.name());
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    /** The group's capacity and instances; {@code not_found} when the account has no such group. */
    static ObjectNode read(AwsCall aws, String name) {
        JsonNode answer = aws.request("autoscaling:DescribeAutoScalingGroups",
                List.of("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name),
                c -> c.autoscaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)));
        JsonNode group = answer.path("AutoScalingGroups").path(0);
        if (group.isMissingNode()) {
            throw AwsJson.notFound("aws asg-describe: no Auto Scaling group '" + name + "' in account '"
                    + aws.account().name() + "', " + aws.region());
        }
        ObjectNode data = AwsJson.object().put("name", group.path("AutoScalingGroupName").asText())
                .put("desired", group.path("DesiredCapacity").asInt()).put("min", group.path("MinSize").asInt())
                .put("max", group.path("MaxSize").asInt());
        ArrayNode instances = data.putArray("instances");
        group.path("Instances").forEach(i -> instances.addObject().put("id", i.path("InstanceId").asText())
                .put("lifecycle_state", i.path("LifecycleState").asText())
                .put("health_status", i.path("HealthStatus").asText())
                .put("availability_zone", i.path("AvailabilityZone").asText()));
        return data;
    }
}
