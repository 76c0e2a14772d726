package io.carapulse.tools.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * What an environment's AWS writes may touch (S6); anything not listed is refused. Name lists take
 * exact names, and where noted a prefix written with a trailing {@code *} ({@code web-*}).
 *
 * @param autoscalingGroups Auto Scaling groups (names or {@code prefix*})
 * @param eksClusters       EKS clusters (names)
 * @param eksNodegroups     managed node groups of those clusters (names or {@code prefix*})
 * @param ecsClusters       ECS clusters (names)
 * @param ecsServices       services of those clusters (names or {@code prefix*})
 * @param ec2InstanceTags   EC2 instances by tag, as EC2 filters read: for every listed key the
 *                          instance carries one of the key's values ({@code team=web}, {@code team=api},
 *                          {@code env=prod}: team web or api, and env prod)
 * @param iamUsers          IAM users whose access keys may be deactivated (names)
 * @param logGroupPrefixes  CloudWatch Logs groups queries may read, by name prefix
 */
public record AwsAllowList(List<String> autoscalingGroups, List<String> eksClusters, List<String> eksNodegroups,
                           List<String> ecsClusters, List<String> ecsServices,
                           Map<String, Set<String>> ec2InstanceTags, List<String> iamUsers,
                           List<String> logGroupPrefixes) {

    /** Nothing may be touched. */
    public static final AwsAllowList NONE = new AwsAllowList(List.of(), List.of(), List.of(), List.of(), List.of(),
            Map.of(), List.of(), List.of());

    private static final BiPredicate<String, String> EXACT_OR_PREFIX = (pattern, name) ->
            pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);

    public AwsAllowList {
        autoscalingGroups = List.copyOf(autoscalingGroups);
        eksClusters = List.copyOf(eksClusters);
        eksNodegroups = List.copyOf(eksNodegroups);
        ecsClusters = List.copyOf(ecsClusters);
        ecsServices = List.copyOf(ecsServices);
        ec2InstanceTags = ec2InstanceTags.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        iamUsers = List.copyOf(iamUsers);
        logGroupPrefixes = List.copyOf(logGroupPrefixes);
    }

    public boolean allowsAutoscalingGroup(String name) {
        return any(autoscalingGroups, name);
    }

    public boolean allowsEksCluster(String name) {
        return eksClusters.contains(name);
    }

    /** A node group is writable when its cluster and its name are both listed. */
    public boolean allowsEksNodegroup(String cluster, String nodegroup) {
        return allowsEksCluster(cluster) && any(eksNodegroups, nodegroup);
    }

    public boolean allowsEcsCluster(String name) {
        return ecsClusters.contains(name);
    }

    /** A service is writable when its cluster and its name are both listed. */
    public boolean allowsEcsService(String cluster, String service) {
        return allowsEcsCluster(cluster) && any(ecsServices, service);
    }

    /**
     * Whether an instance carrying {@code tags} may be written: never when no tag filter is declared,
     * else when every listed key is on the instance with one of its listed values.
     */
    public boolean allowsEc2Instance(Map<String, String> tags) {
        return !ec2InstanceTags.isEmpty() && ec2InstanceTags.entrySet().stream()
                .allMatch(e -> tags.containsKey(e.getKey()) && e.getValue().contains(tags.get(e.getKey())));
    }

    public boolean allowsIamUser(String name) {
        return iamUsers.contains(name);
    }

    public boolean allowsLogGroup(String name) {
        return logGroupPrefixes.stream().anyMatch(name::startsWith);
    }

    private static boolean any(List<String> patterns, String name) {
        return name != null && patterns.stream().anyMatch(p -> EXACT_OR_PREFIX.test(p, name));
    }
}
