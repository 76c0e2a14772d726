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
 * {@code aws.ecs-service} (READ): an ECS service's counts and deployments. CLI: {@code aws ecs
 * describe-services --cluster <c> --services <s>}; SDK: {@code DescribeServices}. Data: {@code {cluster,
 * service, status, desired, running, pending, task_definition, deployments: [{id, status, desired,
 * running, rollout_state}]}}.
 */
public final class AwsEcsService extends AwsAction<AwsEcsService.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "ECS cluster name", pattern = NAME_PATTERN, maxLength = 255) String cluster,
            @Arg(value = "ECS service name", pattern = NAME_PATTERN, maxLength = 255) String service) implements Target {
    }

    public AwsEcsService(AwsRuntime runtime) {
        super(runtime, "ecs-service", ActionClass.READ, "Describe an ECS service: desired, running, deployments",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode data = read(aws, args.cluster(), args.service());
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    static ObjectNode read(AwsCall aws, String cluster, String service) {
        JsonNode answer = aws.request("ecs:DescribeServices",
                List.of("ecs", "describe-services", "--cluster", cluster, "--services", service),
                c -> c.ecs().describeServices(r -> r.cluster(cluster).services(service)));
        JsonNode s = answer.path("services").path(0);
        if (s.isMissingNode()) {
            throw AwsJson.notFound("aws: no ECS service '" + service + "' in cluster '" + cluster + "'");
        }
        ObjectNode data = AwsJson.object().put("cluster", cluster).put("service", s.path("serviceName").asText())
                .put("status", s.path("status").asText()).put("desired", s.path("desiredCount").asInt())
                .put("running", s.path("runningCount").asInt()).put("pending", s.path("pendingCount").asInt())
                .put("task_definition", s.path("taskDefinition").asText());
        ArrayNode deployments = data.putArray("deployments");
        s.path("deployments").forEach(d -> deployments.addObject().put("id", d.path("id").asText())
                .put("status", d.path("status").asText()).put("desired", d.path("desiredCount").asInt())
                .put("running", d.path("runningCount").asInt()).put("rollout_state", d.path("rolloutState").asText("")));
        return data;
    }
}
