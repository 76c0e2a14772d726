package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.whoami} (READ): who the call acts as in the account — STS {@code GetCallerIdentity} with the
 * assumed-role session. CLI: {@code aws sts get-caller-identity}. Data: {@code {account, arn, user_id}}.
 */
public final class AwsWhoami extends AwsAction<AwsWhoami.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region) implements Target {
    }

    public AwsWhoami(AwsRuntime runtime) {
        super(runtime, "whoami", ActionClass.READ, "Show the identity calls act as in an AWS account (the assumed role)",
                Arguments.class, false, Duration.ofSeconds(30));
    }

    @Override
    protected ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        JsonNode id = aws.request("sts:GetCallerIdentity", List.of("sts", "get-caller-identity"),
                c -> c.sts().getCallerIdentity());
        var data = AwsJson.object().put("account", id.path("Account").asText()).put("arn", id.path("Arn").asText())
                .put("user_id", id.path("UserId").asText());
        return aws.result(data.toPrettyString(), data, Map.of());
    }
}
