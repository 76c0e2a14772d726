package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@code aws.ec2-instances} (READ): EC2 instances by id and/or tag. CLI: {@code aws ec2 describe-instances
 * [--instance-ids <id>…] [--filters Name=tag:<k>,Values=<v> …]}; SDK: {@code DescribeInstances}. Data:
 * {@code {instances: [{id, state, type, availability_zone, private_ip, tags}]}}.
 */
public final class AwsEc2Instances extends AwsAction<AwsEc2Instances.Arguments> {

    /** A tag key or value as a filter carries it: no comma (the CLI's shorthand splits on it), no wildcard. */
    static final Pattern TAG_TEXT = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{1,256}");

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "instance ids", name = "instance_ids", pattern = INSTANCE_PATTERN, maxItems = 100)
            Optional<List<String>> instanceIds,
            @Arg(value = "tags every instance carries (key: value)", maxItems = 10) Optional<Map<String, String>> tags)
            implements Target {
        public Arguments {
            if (instanceIds.map(List::isEmpty).orElse(true) && tags.map(Map::isEmpty).orElse(true)) {
                throw ToolArgs.invalid("name instances by instance_ids or tags (or both)");
            }
            tags.ifPresent(t -> t.forEach((k, v) -> {
                if (!TAG_TEXT.matcher(k).matches() || !TAG_TEXT.matcher(v).matches() || k.startsWith("-")) {
                    throw ToolArgs.invalid("tags: a key and its value are 1..256 letters, digits, spaces and _.:/=+@- "
                            + "(no comma, no wildcard)");
                }
            }));
        }
    }

    public AwsEc2Instances(AwsRuntime runtime) {
        super(runtime, "ec2-instances", ActionClass.READ, "List EC2 instances by id and/or tag: state, type, zone, tags",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode data = AwsJson.object();
        data.set("instances", describe(aws, args.instanceIds().orElse(List.of()), args.tags().orElse(Map.of())));
        return aws.result(data.toPrettyString(), data, Map.of());
    }

    /** The instances with these ids and tags, as {@code [{id, state, type, availability_zone, private_ip, tags}]}. */
    static ArrayNode describe(AwsCall aws, List<String> ids, Map<String, String> tags) {
        List<String> cli = new ArrayList<>(List.of("ec2", "describe-instances"));
        if (!ids.isEmpty()) {
            cli.add("--instance-ids");
            cli.addAll(ids);
        }
        if (!tags.isEmpty()) {
            cli.add("--filters");
            tags.forEach((k, v) -> cli.add("Name=tag:" + k + ",Values=" + v));
        }
        List<Filter> filters = tags.entrySet().stream()
                .map(e -> Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build()).toList();
        JsonNode answer = aws.request("ec2:DescribeInstances", cli, c -> c.ec2().describeInstances(r -> {
            if (!ids.isEmpty()) {
                r.instanceIds(ids);
            }
            if (!filters.isEmpty()) {
                r.filters(filters);
            }
        }));
        ArrayNode instances = AwsJson.array();
        answer.path("Reservations").forEach(res -> res.path("Instances").forEach(i -> {
            ObjectNode o = instances.addObject().put("id", i.path("InstanceId").asText())
                    .put("state", i.path("State").path("Name").asText())
                    .put("type", i.path("InstanceType").asText())
                    .put("availability_zone", i.path("Placement").path("AvailabilityZone").asText())
                    .put("private_ip", i.path("PrivateIpAddress").asText(""));
            o.set("tags", AwsJson.tagsNode(i.path("Tags")));
        }));
        return instances;
    }
}
