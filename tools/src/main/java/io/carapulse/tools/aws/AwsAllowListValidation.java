package io.carapulse.tools.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The allow-lists of the {@code aws} section; see {@link AwsInventoryValidation}. */
final class AwsAllowListValidation {

    /** Auto Scaling: printable ASCII without ':' (and '*' only as the prefix mark). */
    static final Pattern ASG = Pattern.compile("[\\x21-\\x7E&&[^:*]]{1,255}\\*?");
    static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    static final Pattern EKS_NODEGROUP = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,62}\\*?");
    static final Pattern ECS_CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    static final Pattern ECS_SERVICE = Pattern.compile("[A-Za-z0-9_-]{1,255}\\*?");
    static final Pattern IAM_USER = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern LOG_GROUP_PREFIX = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    /** A tag key or value as EC2 filters take it literally: no wildcard, no control character. */
    private static final Pattern TAG_TEXT = Pattern.compile("[^*?\\p{Cntrl}]+");

    private AwsAllowListValidation() {
    }

    static AwsAllowList allowList(RawSection s, List<String> problems) {
        return new AwsAllowList(
                names(s, "autoscaling-groups", ASG, "an Auto Scaling group name or prefix* (no ':', no spaces)", problems),
                names(s, "eks-clusters", EKS_CLUSTER, "an EKS cluster name (letters, digits, '-', '_')", problems),
                names(s, "eks-nodegroups", EKS_NODEGROUP,
                        "a node group name or prefix* (letters, digits, '-', '_'; at most 63)", problems),
                names(s, "ecs-clusters", ECS_CLUSTER, "an ECS cluster name (letters, digits, '-', '_')", problems),
                names(s, "ecs-services", ECS_SERVICE,
                        "an ECS service name or prefix* (letters, digits, '-', '_')", problems),
                tags(s, problems),
                names(s, "iam-users", IAM_USER, "an IAM user name (letters, digits, '+=,.@_-'; at most 64)", problems),
                names(s, "log-group-prefixes", LOG_GROUP_PREFIX,
                        "a log group name prefix (letters, digits, '.-_/#')", problems));
    }

    private static List<String> names(RawSection s, String name, Pattern pattern, String what, List<String> problems) {
        List<String> values = s.strings(name);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if ("*".equals(value)) {
                problems.add(s.key(name) + "[" + i + "]: '*' alone would allow every one; list names or prefixes "
                        + "such as web-*");
            } else if (!pattern.matcher(value).matches()) {
                problems.add(s.key(name) + "[" + i + "]: " + RawSection.shown(value) + " is not " + what);
            } else {
                names.add(value);
            }
        }
        return new ArrayList<>(names);
    }

    /** {@code key=value} filters, grouped by key. */
    private static Map<String, Set<String>> tags(RawSection s, List<String> problems) {
        List<String> values = s.strings("ec2-instance-tags");
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String filter = values.get(i);
            String key = s.key("ec2-instance-tags") + "[" + i + "]";
            int eq = filter.indexOf('=');
            String tagKey = eq < 0 ? filter : filter.substring(0, eq).strip();
            String tagValue = eq < 0 ? "" : filter.substring(eq + 1).strip();
            if (eq <= 0 || tagValue.isEmpty()) {
                problems.add(key + ": " + RawSection.shown(filter) + " is not a tag filter key=value, e.g. team=web");
            } else if (tagKey.length() > 128 || tagValue.length() > 256) {
                problems.add(key + ": a tag key has at most 128 characters, a value at most 256");
            } else if (!TAG_TEXT.matcher(tagKey).matches() || !TAG_TEXT.matcher(tagValue).matches()) {
                problems.add(key + ": " + RawSection.shown(filter) + " must match literally: no '*' or '?' "
                        + "wildcards, no control characters");
            } else {
                tags.computeIfAbsent(tagKey, k -> new LinkedHashSet<>()).add(tagValue);
            }
        }
        return tags;
    }
}
