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
 * {@code aws.eks-cluster} (READ): an EKS cluster and its managed node groups. CLI: {@code aws eks
 * describe-cluster --name <c>}, {@code aws eks list-nodegroups --cluster-name <c>}, then {@code aws eks
 * describe-nodegroup --cluster-name <c> --nodegroup-name <n>} per group; SDK: the same operations. Data:
 * {@code {cluster: {name, status, version}, nodegroups: [{name, status, min, max, desired}]}}.
 */
public final class AwsEksCluster extends AwsAction<AwsEksCluster.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "EKS cluster name", pattern = "[0-9A-Za-z][A-Za-z0-9_-]{0,99}", maxLength = 100) String cluster)
            implements Target {
    }

    public AwsEksCluster(AwsRuntime runtime) {
        super(runtime, "eks-cluster", ActionClass.READ, "Describe an EKS cluster and the scaling of its node groups",
                Arguments.class, false, Duration.ofSeconds(120));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        String name = args.cluster();
        JsonNode cluster = aws.request("eks:DescribeCluster", List.of("eks", "describe-cluster", "--name", name),
                c -> c.eks().describeCluster(r -> r.name(name))).path("cluster");
        JsonNode groups = aws.request("eks:ListNodegroups", List.of("eks", "list-nodegroups", "--cluster-name", name),
                c -> c.eks().listNodegroups(r -> r.clusterName(name))).path("nodegroups");
        ObjectNode data = AwsJson.object();
        data.putObject("cluster").put("name", cluster.path("name").asText(name))
                .put("status", cluster.path("status").asText()).put("version", cluster.path("version").asText());
        ArrayNode nodegroups = data.putArray("nodegroups");
        for (JsonNode g : groups) {
            nodegroups.add(nodegroup(aws, name, g.asText()));
        }
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    /** {@code {name, status, min, max, desired}} of one node group. */
    static ObjectNode nodegroup(AwsCall aws, String cluster, String nodegroup) {
        JsonNode ng = aws.request("eks:DescribeNodegroup", List.of("eks", "describe-nodegroup", "--cluster-name", cluster,
                "--nodegroup-name", nodegroup), c -> c.eks().describeNodegroup(r -> r.clusterName(cluster)
                .nodegroupName(nodegroup))).path("nodegroup");
        JsonNode scaling = ng.path("scalingConfig");
        return AwsJson.object().put("name", ng.path("nodegroupName").asText(nodegroup))
                .put("status", ng.path("status").asText()).put("min", scaling.path("minSize").asInt())
                .put("max", scaling.path("maxSize").asInt()).put("desired", scaling.path("desiredSize").asInt());
    }
}
