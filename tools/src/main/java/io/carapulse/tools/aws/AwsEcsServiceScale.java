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
import java.util.Optional;

/**
 * {@code aws.ecs-service-scale} (WRITE, reversible): sets an ECS service's desired count. CLI: {@code aws
 * ecs update-service --cluster <c> --service <s> --desired-count <n>}; SDK: {@code UpdateService}. The
 * cluster and service must be in the environment's {@code ecs-clusters} and {@code ecs-services}. The
 * inverse restores the desired count read before.
 */
public final class AwsEcsServiceScale extends AwsAction<AwsEcsServiceScale.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "ECS cluster name", pattern = NAME_PATTERN, maxLength = 255) String cluster,
            @Arg(value = "ECS service name", pattern = NAME_PATTERN, maxLength = 255) String service,
            @Arg(value = "desired task count", min = 0, max = 5000) int desired) implements Target {
    }

    public AwsEcsServiceScale(AwsRuntime runtime) {
        super(runtime, "ecs-service-scale", ActionClass.WRITE,
                "Set an ECS service's desired count; reversible to the count read before", Arguments.class, true,
                Duration.ofSeconds(60));
    }

    @Override
    protected List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return AwsEcsForceDeploy.serviceProblems(allow, args.cluster(), args.service());
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        try (AwsCall aws = readNow(call, context, args)) {
            ObjectNode now = AwsEcsService.read(aws, args.cluster(), args.service());
            return Optional.of(same(call, new Arguments(args.account(), args.region(), args.cluster(), args.service(),
                    now.path("desired").asInt())));
        }
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode before = AwsEcsService.read(aws, args.cluster(), args.service());
        aws.request("ecs:UpdateService", List.of("ecs", "update-service", "--cluster", args.cluster(), "--service",
                        args.service(), "--desired-count", String.valueOf(args.desired())),
                c -> c.ecs().updateService(r -> r.cluster(args.cluster()).service(args.service()).desiredCount(args.desired())));
        ObjectNode after = AwsEcsService.read(aws, args.cluster(), args.service());
        ObjectNode data = AwsJson.object().put("cluster", args.cluster()).put("service", args.service())
                .put("desired", args.desired());
        data.set("before", before);
        data.set("after", after);
        return aws.result(args.cluster() + "/" + args.service() + ": desired " + before.path("desired").asInt() + " -> "
                + args.desired(), data, Map.of("aws.before", "desired=" + before.path("desired").asInt(),
                "aws.after", "desired=" + after.path("desired").asInt()));
    }
}
