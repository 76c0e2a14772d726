package io.carapulse.tools.aws;

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
 * {@code aws.ecs-force-deploy} (WRITE, no inverse): starts a new deployment of an ECS service with the
 * same task definition (fresh tasks). CLI: {@code aws ecs update-service --cluster <c> --service <s>
 * --force-new-deployment}; SDK: {@code UpdateService(forceNewDeployment)}. The cluster and service must be
 * in the environment's {@code ecs-clusters} and {@code ecs-services}.
 */
public final class AwsEcsForceDeploy extends AwsAction<AwsEcsForceDeploy.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "ECS cluster name", pattern = NAME_PATTERN, maxLength = 255) String cluster,
            @Arg(value = "ECS service name", pattern = NAME_PATTERN, maxLength = 255) String service) implements Target {
    }

    public AwsEcsForceDeploy(AwsRuntime runtime) {
        super(runtime, "ecs-force-deploy", ActionClass.WRITE,
                "Force a new deployment of an ECS service with its current task definition (no inverse)",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    static List<String> serviceProblems(AwsAllowList allow, String cluster, String service) {
        return allow.allowsEcsService(cluster, service) ? List.of()
                : List.of("service: '" + cluster + "/" + service + "' is not in the environment's ecs-clusters "
                        + allow.ecsClusters() + " and ecs-services " + allow.ecsServices());
    }

    @Override
    protected List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return serviceProblems(allow, args.cluster(), args.service());
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode before = AwsEcsService.read(aws, args.cluster(), args.service());
        aws.request("ecs:UpdateService", List.of("ecs", "update-service", "--cluster", args.cluster(), "--service",
                        args.service(), "--force-new-deployment"),
                c -> c.ecs().updateService(r -> r.cluster(args.cluster()).service(args.service()).forceNewDeployment(true)));
        ObjectNode after = AwsEcsService.read(aws, args.cluster(), args.service());
        ObjectNode data = AwsJson.object().put("cluster", args.cluster()).put("service", args.service());
        data.set("before", before);
        data.set("after", after);
        return aws.result(args.cluster() + "/" + args.service() + ": new deployment started", data,
                Map.of("aws.before", "deployments=" + before.path("deployments").size(),
                        "aws.after", "deployments=" + after.path("deployments").size()));
    }
}
