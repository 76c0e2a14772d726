package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws.asg-set-capacity} (WRITE, reversible): sets an Auto Scaling group's desired capacity, and
 * its min and max when given. CLI: {@code aws autoscaling set-desired-capacity --auto-scaling-group-name
 * <n> --desired-capacity <d>}, or {@code aws autoscaling update-auto-scaling-group … --min-size
 * --max-size --desired-capacity} with min/max; SDK: {@code SetDesiredCapacity} / {@code
 * UpdateAutoScalingGroup}. The group must be in the environment's {@code autoscaling-groups}. The inverse
 * restores the desired, min and max read before. Data: {@code {name, before: {desired, min, max}, after:
 * {…}}}.
 */
public final class AwsAsgSetCapacity extends AwsAction<AwsAsgSetCapacity.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "Auto Scaling group name (in the environment's autoscaling-groups)", pattern = NAME_PATTERN,
                    maxLength = 255) String name,
            @Arg(value = "desired capacity", min = 0, max = 10000) int desired,
            @Arg(value = "minimum size", min = 0, max = 10000) Optional<Integer> min,
            @Arg(value = "maximum size", min = 0, max = 10000) Optional<Integer> max) implements Target {
        public Arguments {
            if (min.isPresent() != max.isPresent()) {
                throw ToolArgs.invalid("give both min and max, or neither");
            }
            if (min.isPresent() && (min.get() > desired || desired > max.get())) {
                throw ToolArgs.invalid("min <= desired <= max must hold");
            }
        }
    }

    public AwsAsgSetCapacity(AwsRuntime runtime) {
        super(runtime, "asg-set-capacity", ActionClass.WRITE,
                "Set an Auto Scaling group's desired capacity (and min/max); reversible to the values read before",
                Arguments.class, true, Duration.ofSeconds(60));
    }

    @Override
    protected List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return allow.allowsAutoscalingGroup(args.name()) ? List.of()
                : List.of("name: Auto Scaling group '" + args.name() + "' is not in the environment's autoscaling-groups "
                        + allow.autoscalingGroups());
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        try (AwsCall aws = readNow(call, context, args)) {
            ObjectNode now = AwsAsgDescribe.read(aws, args.name());
            return Optional.of(same(call, new Arguments(args.account(), args.region(), args.name(),
                    now.path("desired").asInt(), Optional.of(now.path("min").asInt()), Optional.of(now.path("max").asInt()))));
        }
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        String name = args.name();
        ObjectNode before = AwsAsgDescribe.read(aws, name);
        if (args.min().isPresent()) {
            int min = args.min().get();
            int max = args.max().orElseThrow();
            aws.request("autoscaling:UpdateAutoScalingGroup", List.of("autoscaling", "update-auto-scaling-group",
                            "--auto-scaling-group-name", name, "--min-size", String.valueOf(min), "--max-size",
                            String.valueOf(max), "--desired-capacity", String.valueOf(args.desired())),
                    c -> c.autoscaling().updateAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(min).maxSize(max)
                            .desiredCapacity(args.desired())));
        } else {
            aws.request("autoscaling:SetDesiredCapacity", List.of("autoscaling", "set-desired-capacity",
                            "--auto-scaling-group-name", name, "--desired-capacity", String.valueOf(args.desired())),
                    c -> c.autoscaling().setDesiredCapacity(r -> r.autoScalingGroupName(name).desiredCapacity(args.desired())));
        }
        ObjectNode after = AwsAsgDescribe.read(aws, name);
        ObjectNode data = AwsJson.object().put("name", name).put("desired", args.desired());
        data.set("before", capacity(before));
        data.set("after", capacity(after));
        return aws.result(name + ": desired " + before.path("desired").asInt() + " -> " + args.desired()
                + " (now reads " + after.path("desired").asInt() + ")", data, Map.of(
                "aws.before", capacity(before).toString(), "aws.after", capacity(after).toString()));
    }

    private static ObjectNode capacity(ObjectNode group) {
        return AwsJson.object().put("desired", group.path("desired").asInt()).put("min", group.path("min").asInt())
                .put("max", group.path("max").asInt());
    }

}
