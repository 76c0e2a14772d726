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
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * {@code aws.resources} (READ): resources by tag (and type), through the Resource Groups Tagging API.
 * CLI: {@code aws resourcegroupstaggingapi get-resources --tag-filters Key=<k>,Values=<v> …
 * [--resource-type-filters <type>…]}; SDK: {@code GetResources}. Data: {@code {resources: [{arn, tags}]}}.
 */
public final class AwsResources extends AwsAction<AwsResources.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "tags every resource carries (key: value)", minItems = 1, maxItems = 10) Map<String, String> tags,
            @Arg(value = "resource types, e.g. ec2:instance, ecs:service", name = "resource_types",
                    pattern = "[a-z0-9-]{2,30}(:[A-Za-z0-9-]{1,60})?", maxItems = 20) Optional<List<String>> resourceTypes)
            implements Target {
        public Arguments {
            tags.forEach((k, v) -> {
                if (!AwsEc2Instances.TAG_TEXT.matcher(k).matches() || !AwsEc2Instances.TAG_TEXT.matcher(v).matches()
                        || k.startsWith("-")) {
                    throw ToolArgs.invalid("tags: a key and its value are 1..256 letters, digits, spaces and _.:/=+@- "
                            + "(no comma, no wildcard)");
                }
            });
        }
    }

    public AwsResources(AwsRuntime runtime) {
        super(runtime, "resources", ActionClass.READ, "Find resources by tag (and type): ARNs and tags",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        List<String> cli = new ArrayList<>(List.of("resourcegroupstaggingapi", "get-resources", "--tag-filters"));
        args.tags().forEach((k, v) -> cli.add("Key=" + k + ",Values=" + v));
        List<String> types = args.resourceTypes().orElse(List.of());
        if (!types.isEmpty()) {
            cli.add("--resource-type-filters");
            cli.addAll(types);
        }
        List<TagFilter> filters = args.tags().entrySet().stream()
                .map(e -> TagFilter.builder().key(e.getKey()).values(e.getValue()).build()).toList();
        JsonNode answer = aws.request("tag:GetResources", cli, c -> c.tagging().getResources(r -> {
            r.tagFilters(filters);
            if (!types.isEmpty()) {
                r.resourceTypeFilters(types);
            }
        }));
        ObjectNode data = AwsJson.object();
        ArrayNode resources = data.putArray("resources");
        answer.path("ResourceTagMappingList").forEach(m -> resources.addObject()
                .put("arn", m.path("ResourceARN").asText()).set("tags", AwsJson.tagsNode(m.path("Tags"))));
        return aws.result(data.toPrettyString(), data, Map.of());
    }
}
