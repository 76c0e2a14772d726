package io.carapulse.tools.aws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds and checks the {@code aws} section of an environment from the raw map configuration gives
 * ({@code carapulse.environments.<env>.aws}, YAML keys in kebab-case):
 *
 * <pre>
 * aws:
 *   accounts:
 *     - name: prod
 *       account-id: "123456789012"
 *       role-arn: arn:aws:iam::123456789012:role/carapulse
 *       external-id: env:CARAPULSE_PROD_EXTERNAL_ID     # optional, a secret reference
 *       regions: [eu-west-1, eu-central-1]
 *       session-duration: 1h                             # optional, 15m … 12h
 *       endpoint-url: https://proxy.internal:8443        # optional
 *   autoscaling-groups: [web-asg, batch-*]
 *   eks-clusters: [prod]
 *   eks-nodegroups: [workers-*]
 *   ecs-clusters: [prod]
 *   ecs-services: [web, api]
 *   ec2-instance-tags: [team=web, env=prod]
 *   iam-users: [ci-deployer]
 *   log-group-prefixes: [/aws/eks/prod/, /ecs/web]
 * </pre>
 *
 * Each mistake is one problem naming its exact key, e.g.
 * {@code carapulse.environments.prod.aws.accounts[0].role-arn: …}; a pasted secret is never echoed.
 */
public final class AwsInventoryValidation {

    static final Set<String> SECTION_KEYS = Set.of("accounts", "autoscaling-groups", "eks-clusters",
            "eks-nodegroups", "ecs-clusters", "ecs-services", "ec2-instance-tags", "iam-users", "log-group-prefixes");

    private AwsInventoryValidation() {
    }

    /**
     * Checks {@code raw} and builds the inventory from it.
     *
     * @param keyPrefix the section's key, e.g. {@code carapulse.environments.prod.aws}
     * @param raw       the section as configuration gives it; {@code null} or empty when absent
     * @param problems  receives one message per mistake, each starting with the exact key
     * @return the inventory, or empty when the section is absent or anything in it is wrong
     */
    public static Optional<AwsInventory> validate(String keyPrefix, Map<String, Object> raw, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.size();
        RawSection section = RawSection.of(keyPrefix, raw, SECTION_KEYS, problems);
        List<Object> entries = section.list("accounts");
        if (entries.isEmpty() && section.raw("accounts") == null) {
            problems.add(section.key("accounts") + ": the aws section needs at least one account, e.g. "
                    + "[{name: prod, account-id: \"123456789012\", role-arn: arn:aws:iam::123456789012:role/carapulse, "
                    + "regions: [eu-west-1]}]");
        } else if (entries.isEmpty() && !(section.raw("accounts") instanceof Map<?, ?>)) {
            problems.add(section.key("accounts") + ": lists no account; declare at least one");
        }
        List<AwsAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = section.key("accounts") + "[" + i + "]";
            AwsAccountValidation.account(key, entries.get(i), names, problems).ifPresent(accounts::add);
        }
        AwsAllowList allow = AwsAllowListValidation.allowList(section, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AwsInventory(accounts, allow));
    }
}
