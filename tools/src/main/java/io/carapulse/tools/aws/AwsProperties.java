package io.carapulse.tools.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The AWS family's view of one environment as written under {@code carapulse.environments.<name>}: only
 * its {@code aws} block, raw values that {@link AwsSection} validates at start-up
 * ({@link AwsInventoryValidation}).
 *
 * @param name the environment's name (the map key)
 * @param aws  the block, or null when the environment declares no AWS account
 */
@EachProperty("carapulse.environments")
public record AwsProperties(@Parameter String name, @Nullable Aws aws) {

    /**
     * {@code carapulse.environments.<name>.aws.*}.
     *
     * @param accounts          the accounts: raw maps ({@code name}, {@code account-id}, {@code role-arn},
     *                          {@code external-id}, {@code regions}, {@code session-duration},
     *                          {@code endpoint-url}), because Micronaut does not bind a list of records here
     * @param autoscalingGroups Auto Scaling groups writes may touch (names or {@code prefix*})
     * @param eksClusters       EKS clusters writes may touch
     * @param eksNodegroups     their node groups (names or {@code prefix*})
     * @param ecsClusters       ECS clusters writes may touch
     * @param ecsServices       their services (names or {@code prefix*})
     * @param ec2InstanceTags   {@code key=value} filters an instance must match to be written
     * @param iamUsers          IAM users whose access keys may be deactivated and activated
     * @param logGroupPrefixes  CloudWatch Logs groups queries may read, by prefix
     */
    @ConfigurationProperties("aws")
    public record Aws(
            @Nullable List<Map<String, Object>> accounts,
            @Nullable List<String> autoscalingGroups,
            @Nullable List<String> eksClusters,
            @Nullable List<String> eksNodegroups,
            @Nullable List<String> ecsClusters,
            @Nullable List<String> ecsServices,
            @Nullable List<String> ec2InstanceTags,
            @Nullable List<String> iamUsers,
            @Nullable List<String> logGroupPrefixes) {
    }
}
