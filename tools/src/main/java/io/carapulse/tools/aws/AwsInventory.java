package io.carapulse.tools.aws;

import io.carapulse.config.InventoryPart;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The {@code aws} section of an environment (S6): the accounts its steps may act in and what its
 * writes may touch. Built only by {@link AwsInventoryValidation#validate}, so every instance was
 * checked key by key.
 *
 * @param accounts the accounts, by unique name, in declaration order
 * @param allow    what writes (and log queries) may touch; nothing when the section lists nothing
 */
public record AwsInventory(List<AwsAccount> accounts, AwsAllowList allow) implements InventoryPart {

    public AwsInventory {
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("an aws section needs at least one account");
        }
    }

    /** The account called {@code name}, if the environment declares it. */
    public Optional<AwsAccount> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * One line per account (name, id, regions) and one per allow-list that lists something; never the
     * role's external id nor where it is kept, never the endpoint.
     */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (AwsAccount a : accounts) {
            lines.add("AWS account " + a.name() + " (" + a.accountId() + "), regions: " + String.join(", ", a.regions()));
        }
        line(lines, "Auto Scaling groups", allow.autoscalingGroups());
        line(lines, "EKS clusters", allow.eksClusters());
        line(lines, "EKS node groups", allow.eksNodegroups());
        line(lines, "ECS clusters", allow.ecsClusters());
        line(lines, "ECS services", allow.ecsServices());
        if (!allow.ec2InstanceTags().isEmpty()) {
            List<String> tags = new ArrayList<>();
            new TreeMap<>(allow.ec2InstanceTags()).forEach((k, v) -> tags.add(k + "=" + String.join("|", v.stream().sorted().toList())));
            lines.add("AWS writes may touch EC2 instances tagged: " + String.join(", ", tags));
        }
        line(lines, "IAM users (access keys)", allow.iamUsers());
        line(lines, "CloudWatch Logs groups (prefixes, reads)", allow.logGroupPrefixes());
        return List.copyOf(lines);
    }

    private static void line(List<String> lines, String what, List<String> names) {
        if (!names.isEmpty()) {
            lines.add("AWS writes may touch " + what + ": " + String.join(", ", names));
        }
    }
}
