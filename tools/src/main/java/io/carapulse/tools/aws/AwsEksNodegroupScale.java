package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws.eks-nodegroup-scale} (WRITE, reversible): sets a managed node group's scaling. CLI: {@code aws
 * eks update-nodegroup-config --cluster-name <c> --nodegroup-name <n> --scaling-config
 * minSize=<min>,maxSize=<max>,desiredSize=<d>}; SDK: {@code UpdateNodegroupConfig}. Min and max default to
 * the current ones. The cluster and the group must be in the environment's {@code eks-clusters} and
 * {@code eks-nodegroups}. The inverse restores the scaling read before. Evidence: the update id.
 */
public final class AwsEksNodegroupScale extends AwsAction<AwsEksNodegroupScale.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "EKS cluster name", pattern = "[0-9A-Za-z][A-Za-z0-9_-]{0,99}", maxLength = 100) String cluster,
            @Arg(value = "managed node group name", pattern = "[0-9A-Za-z][A-Za-z0-9_-]{0,62}", maxLength = 63)
            String nodegroup,
            @Arg(value = "desired size", min = 0, max = 1000) int desired,
            @Arg(value = "minimum size", min = 0, max = 1000) Optional<Integer> min,
            @Arg(value = "maximum size", min = 1, max = 1000) Optional<Integer> max) implements Target {
        public Arguments {
            if (min.isPresent() && desired < min.get() || max.isPresent() && desired > max.get()) {
                throw ToolArgs.invalid("min <= desired <= max must hold");
            }
        }
    }

    public AwsEksNodegroupScale(AwsRuntime runtime) {
        super(runtime, "eks-nodegroup-scale", ActionClass.WRITE,
                "Set an EKS managed node group's desired (and min/max) size; reversible to the scaling read before",
                Arguments.class, true, Duration.ofSeconds(60));
    }

    @Override
    protected List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return allow.allowsEksNodegroup(args.cluster(), args.nodegroup()) ? List.of()
                : List.of("nodegroup: '" + args.cluster() + "/" + args.nodegroup() + "' is not in the environment's "
                        + "eks-clusters " + allow.eksClusters() + " and eks-nodegroups " + allow.eksNodegroups());
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        try (AwsCall aws = readNow(call, context, args)) {
            ObjectNode now = AwsEksCluster.nodegroup(aws, args.cluster(), args.nodegroup());
            return Optional.of(same(call, new Arguments(args.account(), args.region(), args.cluster(), args.nodegroup(),
                    now.path("desired").asInt(), Optional.of(now.path("min").asInt()), Optional.of(now.path("max").asInt()))));
        }
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode before = AwsEksCluster.nodegroup(aws, args.cluster(), args.nodegroup());
        int min = args.min().orElse(Math.min(before.path("min").asInt(), args.desired()));
        int max = args.max().orElse(Math.max(before.path("max").asInt(), args.desired()));
        var update = aws.request("eks:UpdateNodegroupConfig", List.of("eks", "update-nodegroup-config", "--cluster-name",
                        args.cluster(), "--nodegroup-name", args.nodegroup(), "--scaling-config",
                        "minSize=" + min + ",maxSize=" + max + ",desiredSize=" + args.desired()),
                c -> c.eks().updateNodegroupConfig(r -> r.clusterName(args.cluster()).nodegroupName(args.nodegroup())
                        .scalingConfig(s -> s.minSize(min).maxSize(max).desiredSize(args.desired())))).path("update");
        ObjectNode data = AwsJson.object().put("cluster", args.cluster()).put("nodegroup", args.nodegroup())
                .put("update_id", update.path("id").asText()).put("update_status", update.path("status").asText());
        data.set("before", before);
        data.putObject("after").put("min", min).put("max", max).put("desired", args.desired());
        return aws.result(args.cluster() + "/" + args.nodegroup() + ": desired " + before.path("desired").asInt() + " -> "
                + args.desired() + " (update " + update.path("id").asText() + ", " + update.path("status").asText() + ")",
                data, Map.of("aws.eks_update_id", update.path("id").asText(), "aws.before", before.toString()));
    }
}
