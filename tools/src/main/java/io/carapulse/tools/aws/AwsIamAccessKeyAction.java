package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iam-access-key-deactivate} and {@code iam-access-key-activate} (WRITE, each the other's inverse):
 * set one access key of an IAM user Inactive or Active. A plan never carries a long-term access key id
 * (the redactor treats {@code AKIA…} as a secret and plans refuse secrets), so the key is named by the
 * last characters of its id ({@code key_suffix}), which must pick exactly one of the user's keys. The keys
 * are listed through the SDK ({@code ListAccessKeys}) on both transports, since the CLI's output is
 * redacted and the id with it; then CLI: {@code aws iam update-access-key --user-name <u> --access-key-id
 * <id> --status Inactive|Active}; SDK: {@code UpdateAccessKey}. The inverse restores the status read
 * before (the other action, or this one when the key already had the status). The
 * user must be in the environment's {@code iam-users}. IAM is global: the region only says where the call
 * is signed.
 */
public abstract class AwsIamAccessKeyAction extends AwsAction<AwsIamAccessKeyAction.Arguments> {

    public record Arguments(
            @Arg(value = ACCOUNT, pattern = ACCOUNT_PATTERN, maxLength = 63) String account,
            @Arg(value = REGION, pattern = REGION_PATTERN, maxLength = 30) String region,
            @Arg(value = "IAM user name (in the environment's iam-users)", pattern = "[A-Za-z0-9_+=,.@][\\w+=,.@-]{0,63}",
                    maxLength = 64) String user,
            @Arg(value = "the last 4 to 8 characters of the access key id", name = "key_suffix",
                    pattern = "[A-Z0-9]{4,8}", maxLength = 8) String keySuffix) implements Target {
    }

    private final String status;
    private final String inverseAction;
    private final String inverseWhen;

    AwsIamAccessKeyAction(AwsRuntime runtime, String name, String description, String status, String inverseAction,
                          String inverseWhen) {
        super(runtime, name, ActionClass.WRITE, description, Arguments.class, true, Duration.ofSeconds(60));
        this.status = status;
        this.inverseAction = inverseAction;
        this.inverseWhen = inverseWhen;
    }

    @Override
    protected final List<String> allowProblems(AwsAllowList allow, Arguments args) {
        return allow.allowsIamUser(args.user()) ? List.of()
                : List.of("user: IAM user '" + args.user() + "' is not in the environment's iam-users " + allow.iamUsers());
    }

    /**
     * The user's one key whose id ends with the suffix: {@code {AccessKeyId, Status, …}}. Read through the
     * SDK on both transports: the CLI's output is redacted, and an {@code AKIA…} id with it.
     */
    private static JsonNode key(AwsCall aws, Arguments args) {
        JsonNode keys = aws.sdkUnredacted("iam:ListAccessKeys",
                c -> c.iam().listAccessKeys(r -> r.userName(args.user()))).path("AccessKeyMetadata");
        List<JsonNode> matching = new java.util.ArrayList<>();
        keys.forEach(k -> {
            if (k.path("AccessKeyId").asText().endsWith(args.keySuffix())) {
                matching.add(k);
            }
        });
        if (matching.isEmpty()) {
            throw AwsJson.notFound("aws: IAM user '" + args.user() + "' has no access key ending in " + args.keySuffix());
        }
        if (matching.size() > 1) {
            throw new ToolException(ToolFailure.INVALID_ARGUMENTS, "key_suffix: " + args.keySuffix() + " ends "
                    + matching.size() + " of IAM user '" + args.user() + "''s keys; give more characters", null);
        }
        return matching.get(0);
    }

    @Override
    protected final Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        try (AwsCall aws = readNow(call, context, args)) {
            String now = key(aws, args).path("Status").asText();
            // restore the status read now: the other action when it changes it, this one (a no-op) when not
            return Optional.of(now.equals(inverseWhen) ? other(call, inverseAction, Arguments.class, args) : same(call, args));
        }
    }

    @Override
    protected final ToolResult run(AwsCall aws, Arguments args, ToolCall call, ToolContext context) {
        JsonNode key = key(aws, args);
        String id = key.path("AccessKeyId").asText();
        String before = key.path("Status").asText();
        aws.request("iam:UpdateAccessKey", List.of("iam", "update-access-key", "--user-name", args.user(),
                        "--access-key-id", id, "--status", status),
                c -> c.iam().updateAccessKey(r -> r.userName(args.user()).accessKeyId(id).status(status)));
        String after = key(aws, args).path("Status").asText();
        var data = AwsJson.object().put("user", args.user()).put("key_suffix", args.keySuffix()).put("before", before)
                .put("after", after);
        return aws.result(args.user() + " key …" + args.keySuffix() + ": " + before + " -> " + after, data,
                Map.of("aws.iam_user", args.user(), "aws.before", before, "aws.after", after));
    }
}
