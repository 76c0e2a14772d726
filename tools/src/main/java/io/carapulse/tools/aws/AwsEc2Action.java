package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The EC2 instance writes ({@code ec2-stop}, {@code ec2-start}, {@code ec2-reboot}, {@code ec2-terminate}):
 * the instances are read first ({@code DescribeInstances}), and every one must carry the tags the
 * environment's {@code ec2-instance-tags} require, else the call is refused {@code target_not_allowed}
 * before anything changes; then the write, then the states read again. Data: {@code {instances: [{id,
 * before, after}]}}.
 */
public abstract class AwsEc2Action extends AwsAction<AwsEc2Action.Arguments> {

    /** The arguments of every EC2 instance write. */
    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "instance ids (instances carrying the environment's ec2-instance-tags)", name = "instance_ids",
                    pattern = INSTANCE_PATTERN, minItems = 1, maxItems = 20) List<String> instanceIds) implements Target {
        public Arguments {
            if (new HashSet<>(instanceIds).size() != instanceIds.size()) {
                throw ToolArgs.invalid("instance_ids: an instance is listed twice");
            }
        }
    }

    private final String operation;
    private final List<String> cliVerb;
    private final Function<AwsCall.Clients, Function<List<String>, software.amazon.awssdk.core.SdkPojo>> sdk;

    AwsEc2Action(AwsRuntime runtime, String name, ActionClass actionClass, String description, boolean reversible,
                 String operation, String cliVerb,
                 Function<AwsCall.Clients, Function<List<String>, software.amazon.awssdk.core.SdkPojo>> sdk) {
        super(runtime, name, actionClass, description, Arguments.class, reversible, Duration.ofSeconds(120));
        this.operation = operation;
        this.cliVerb = List.of("ec2", cliVerb, "--instance-ids");
        this.sdk = sdk;
    }

    @Override
    protected final List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return allow.ec2InstanceTags().isEmpty()
                ? List.of("instance_ids: the environment declares no ec2-instance-tags, so no instance may be written")
                : List.of();
    }

    /** The instances' states now, by id, after checking each exists and carries the required tags. */
    protected final Map<String, String> states(AwsCall aws, ToolCall call, List<String> ids) {
        ArrayNode found = AwsEc2Instances.describe(aws, ids, Map.of());
        Map<String, String> states = new LinkedHashMap<>();
        AwsAllowList allow = runtime.allow(call.environment());
        List<String> refused = new ArrayList<>();
        for (JsonNode i : found) {
            Map<String, String> tags = new LinkedHashMap<>();
            i.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            if (!allow.allowsEc2Instance(tags)) {
                refused.add(i.path("id").asText());
            }
            states.put(i.path("id").asText(), i.path("state").asText());
        }
        if (!refused.isEmpty()) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "instance_ids: " + refused + " do not carry the "
                    + "environment's ec2-instance-tags " + allow.ec2InstanceTags(), null);
        }
        List<String> missing = ids.stream().filter(id -> !states.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw AwsJson.notFound("aws " + descriptor().name() + ": no instances " + missing + " in account '"
                    + aws.account().name() + "', " + aws.region());
        }
        return states;
    }

    /** The ids whose state was {@code state}, for an inverse. */
    protected final Optional<List<String>> inState(ToolCall call, ToolContext context, Arguments args, String state) {
        try (AwsCall aws = readNow(call, context, args)) {
            List<String> ids = states(aws, call, args.instanceIds()).entrySet().stream()
                    .filter(e -> e.getValue().equals(state)).map(Map.Entry::getKey).toList();
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
        }
    }

    @Override
    protected final ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        List<String> ids = args.instanceIds();
        Map<String, String> before = states(aws, call, ids);
        List<String> cli = new ArrayList<>(cliVerb);
        cli.addAll(ids);
        aws.request(operation, cli, c -> sdk.apply(c).apply(ids));
        Map<String, String> after = new LinkedHashMap<>();
        AwsEc2Instances.describe(aws, ids, Map.of()).forEach(i -> after.put(i.path("id").asText(), i.path("state").asText()));
        ObjectNode data = AwsJson.object();
        ArrayNode instances = data.putArray("instances");
        StringBuilder out = new StringBuilder();
        for (String id : ids) {
            instances.addObject().put("id", id).put("before", before.get(id)).put("after", after.getOrDefault(id, ""));
            out.append(id).append(": ").append(before.get(id)).append(" -> ").append(after.getOrDefault(id, "?")).append('\n');
        }
        return aws.result(out.toString().strip(), data, Map.of("aws.instance_ids", String.join(",", ids),
                "aws.before", before.toString(), "aws.after", after.toString()));
    }
}
