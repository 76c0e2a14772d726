package io.carapulse.tools.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.aws.internal.AwsClients;
import io.carapulse.tools.aws.internal.AwsLease;
import io.carapulse.tools.aws.internal.AwsSession;
import io.carapulse.tools.aws.internal.SdkJson;
import io.carapulse.tools.process.ProcessOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import io.carapulse.api.evidence.FollowUpRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call of one action against AWS: the account's role assumed once, on the first request; each
 * request made through the transport chosen for the call (the CLI with the session leased to it, or an
 * SDK v2 client) and answered as the same JSON ({@link SdkJson}); failures named by {@link AwsErrors}
 * with the action, account and region, retriable only for reads; and the evidence every result carries
 * (the assumed role, the session name, the temporary access key id CloudTrail joins on, the region,
 * request ids where the transport has them). Not thread-safe: one call, one thread.
 */
public final class AwsCall implements AutoCloseable {

    private final AwsRuntime runtime;
    private final Path binary;
    private final ToolCall call;
    private final ToolContext context;
    private final String action;
    private final AwsAccount account;
    private final String region;
    private final boolean read;
    private final Instant started = Instant.now();
    private final Map<Class<?>, SdkAutoCloseable> clients = new LinkedHashMap<>();
    private final List<String> requestIds = new ArrayList<>();
    private final List<String> operations = new ArrayList<>();
    private AwsSession session;
    private ProcessOutcome lastOutcome;
    private ProcessOutcome lastWrite;
    private static final java.util.regex.Pattern READ_OPERATION =
            java.util.regex.Pattern.compile("[a-z0-9-]+:((Describe|List|Get|Lookup|Filter).*|StartQuery)");

    AwsCall(AwsRuntime runtime, Path binary, ToolCall call, ToolContext context, String action, AwsAccount account,
            String region, boolean read) {
        this.runtime = runtime;
        this.binary = binary;
        this.call = call;
        this.context = context;
        this.action = action;
        this.account = account;
        this.region = region;
        this.read = read;
    }

    /** The SDK clients of this call's session, built on first use. */
    public final class Clients {
        public AutoScalingClient autoscaling() {
            return client(AutoScalingClient.class, () -> AwsClients.build(AutoScalingClient.builder(), account, session(), left()));
        }

        public Ec2Client ec2() {
            return client(Ec2Client.class, () -> AwsClients.build(Ec2Client.builder(), account, session(), left()));
        }

        public CloudWatchClient cloudwatch() {
            return client(CloudWatchClient.class, () -> AwsClients.build(CloudWatchClient.builder(), account, session(), left()));
        }

        public CloudWatchLogsClient logs() {
            return client(CloudWatchLogsClient.class, () -> AwsClients.build(CloudWatchLogsClient.builder(), account,
                    session(), left()));
        }

        public CloudTrailClient cloudtrail() {
            return client(CloudTrailClient.class, () -> AwsClients.build(CloudTrailClient.builder(), account, session(), left()));
        }

        public ResourceGroupsTaggingApiClient tagging() {
            return client(ResourceGroupsTaggingApiClient.class, () -> AwsClients.build(ResourceGroupsTaggingApiClient.builder(), account, session(), left()));
        }

        public EcsClient ecs() {
            return client(EcsClient.class, () -> AwsClients.build(EcsClient.builder(), account, session(), left()));
        }

        public EksClient eks() {
            return client(EksClient.class, () -> AwsClients.build(EksClient.builder(), account, session(), left()));
        }

        public IamClient iam() {
            return client(IamClient.class, () -> AwsClients.build(IamClient.builder(), account, session(), left()));
        }

        public StsClient sts() {
            return client(StsClient.class, () -> AwsClients.build(StsClient.builder(), account, session(), left()));
        }

        @SuppressWarnings("unchecked")
        private <C extends SdkAutoCloseable> C client(Class<C> type, java.util.function.Supplier<C> make) {
            return (C) clients.computeIfAbsent(type, t -> make.get());
        }
    }

    private final Clients sdkClients = new Clients();

    /** The assumed-role session of this call, assumed on first use. */
    AwsSession session() {
        if (session == null) {
            session = runtime.assume(call, context, account.name(), region);
        }
        return session;
    }

    public Transport transport() {
        return binary != null ? Transport.CLI : Transport.HTTP;
    }

    public AwsAccount account() {
        return account;
    }

    public String region() {
        return region;
    }

    /**
     * One request: {@code aws <cli…> } on the CLI path, {@code sdk} on the SDK path; the answer as the
     * CLI's JSON (an empty object when the CLI prints nothing).
     *
     * @param operation the AWS operation, e.g. {@code autoscaling:SetDesiredCapacity}, for messages
     */
    public JsonNode request(String operation, List<String> cli, Function<Clients, ? extends SdkPojo> sdk) {
        session();
        operations.add(operation);
        return binary != null ? viaCli(operation, cli) : viaSdk(operation, sdk);
    }

    /**
     * One request through the SDK whichever transport the call got, its answer NOT redacted: only for a
     * value the action must pass on to AWS but never shows (an IAM access key id, which the CLI's output
     * would mask, as every output is). Nothing of the answer may reach a result as it is.
     */
    JsonNode sdkUnredacted(String operation, Function<Clients, ? extends SdkPojo> sdk) {
        session();
        operations.add(operation);
        try {
            return SdkJson.of(sdk.apply(sdkClients));
        } catch (SdkException e) {
            // named as any SDK failure is, with the answer redacted
            return viaSdk(operation, c -> {
                throw e;
            });
        }
    }

    private JsonNode viaCli(String operation, List<String> cli) {
        try (AwsLease lease = AwsLease.open(session)) {
            ProcessOutcome outcome = runtime.cli(binary, runtime.cliArgs(account, region, cli), lease.cliLease(), context);
            lastOutcome = outcome;
            if (!READ_OPERATION.matcher(operation).matches()) {
                lastWrite = outcome;
            }
            String out = outcome.stdout().strip();
            if (out.isEmpty()) {
                return SdkJson.MAPPER.createObjectNode();
            }
            try {
                return SdkJson.MAPPER.readTree(out);
            } catch (JsonProcessingException e) {
                throw new ToolException(ToolFailure.TOOL_FAILED, prefix() + operation + " printed no JSON",
                        io.carapulse.tools.cli.CliInvoker.result(outcome, null, evidence(Map.of())));
            }
        } catch (ToolException e) {
            if (e.failure() == ToolFailure.CANCELLED || e.failure() == ToolFailure.TIMED_OUT) {
                throw e;
            }
            ToolResult partial = e.partial().map(p -> new ToolResult(p.transport(), p.command(), p.exitCode(),
                    p.httpStatus(), p.output(), p.data(), evidence(Map.of()), p.digest())).orElse(null);
            String message = prefix() + e.getMessage();
            throw retriable(e.failure()) ? new RetriableToolException(e.failure(), message, partial, e)
                    : new ToolException(e.failure(), message, partial, e);
        }
    }

    /** What is left of the step's deadline, for the SDK clients' call timeout. */
    private java.time.Duration left() {
        java.time.Duration left = java.time.Duration.between(Instant.now(), context.deadline());
        return left.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : left;
    }

    /** The SDK cannot be interrupted: the deadline and cancellation are checked before each request. */
    private void checkDeadline(String operation) {
        if (context.cancellation().isCancelled()) {
            throw new ToolException(ToolFailure.CANCELLED, prefix() + "cancelled before " + operation,
                    new ToolResult(Transport.HTTP, command(), null, null, "", null, evidence(Map.of())));
        }
        if (!Instant.now().isBefore(context.deadline())) {
            throw new ToolException(ToolFailure.TIMED_OUT, prefix() + "the step's deadline passed before " + operation,
                    new ToolResult(Transport.HTTP, command(), null, null, "", null, evidence(Map.of())));
        }
    }

    private JsonNode viaSdk(String operation, Function<Clients, ? extends SdkPojo> sdk) {
        checkDeadline(operation);
        try {
            SdkPojo response = sdk.apply(sdkClients);
            if (response instanceof AwsResponse r && r.responseMetadata() != null
                    && r.responseMetadata().requestId() != null && !"UNKNOWN".equals(r.responseMetadata().requestId())) {
                requestIds.add(r.responseMetadata().requestId());
            }
            return SdkJson.MAPPER.readTree(redactor().redact(SdkJson.of(response).toString()));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            ToolFailure failure = e.isThrottlingException() ? ToolFailure.RATE_LIMITED : AwsErrors.failure(code);
            if (failure == null) {
                failure = runtime.statuses().failure(e.statusCode());
            }
            String awsMessage = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            String message = prefix() + "AWS answered " + (code == null ? "HTTP " + e.statusCode() : code) + " to "
                    + operation + (awsMessage == null || awsMessage.isBlank() ? "" : ": " + redactor().redact(awsMessage.strip()))
                    + (e.requestId() == null ? "" : " [request id " + e.requestId() + "]");
            if (e.requestId() != null) {
                requestIds.add(e.requestId());
            }
            ToolResult partial = new ToolResult(Transport.HTTP, command(), null, e.statusCode(), message, null,
                    evidence(Map.of()));
            throw retriable(failure) ? new RetriableToolException(failure, message, partial, null)
                    : new ToolException(failure, message, partial, null);
        } catch (software.amazon.awssdk.core.exception.ApiCallTimeoutException e) {
            throw new ToolException(ToolFailure.TIMED_OUT, prefix() + operation + " did not answer before the step's "
                    + "deadline", new ToolResult(Transport.HTTP, command(), null, null, "", null, evidence(Map.of())), null);
        } catch (SdkClientException e) {
            String message = prefix() + "cannot reach AWS for " + operation + ": " + redactor().redact(
                    String.valueOf(e.getMessage()));
            ToolResult partial = new ToolResult(Transport.HTTP, command(), null, null, message, null, evidence(Map.of()));
            throw retriable(ToolFailure.UNAVAILABLE) ? new RetriableToolException(ToolFailure.UNAVAILABLE, message, partial, null)
                    : new ToolException(ToolFailure.UNAVAILABLE, message, partial, null);
        } catch (JsonProcessingException | SdkException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, prefix() + operation + " failed: "
                    + redactor().redact(String.valueOf(e.getMessage())), null);
        }
    }

    /** Throttling and outages may pass later: retried for reads only (a write is never retried blindly, S10). */
    private boolean retriable(ToolFailure failure) {
        return read && (failure == ToolFailure.RATE_LIMITED || failure == ToolFailure.UNAVAILABLE);
    }

    private String prefix() {
        return "aws " + action + " in account '" + account.name() + "' (" + account.accountId() + "), " + region + ": ";
    }

    private Redactor redactor() {
        return session == null ? Redactor.patterns()
                : Redactor.patterns().with(List.of(session.secretAccessKey(), session.sessionToken()));
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of("aws-sdk", "--region", region));
        account.endpointUrl().ifPresent(u -> command.addAll(List.of("--endpoint-url", u.toString())));
        command.addAll(operations);
        return command;
    }

    /**
     * The evidence of this call: account, region, the assumed role and session name, the temporary access
     * key id (the key to the call in CloudTrail), when it started, request ids (SDK), plus {@code extra}.
     */
    public Map<String, String> evidence(Map<String, String> extra) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("aws.account", account.name());
        ids.put("aws.account_id", account.accountId());
        ids.put("aws.region", region);
        if (session != null) {
            ids.put("aws.assumed_role_arn", session.assumedRoleArn());
            ids.put("aws.session_name", session.sessionName());
            ids.put("aws.access_key_id", session.accessKeyId());
        }
        ids.put("aws.started_at", started.toString());
        if (!requestIds.isEmpty()) {
            ids.put("aws.request_ids", String.join(",", requestIds));
        }
        ids.putAll(extra);
        return ids;
    }

    /** The result of the call: the output and data the action renders, and the evidence. */
    public ToolResult result(String output, JsonNode data, Map<String, String> extra) {
        JsonNode redactedData = data;
        if (data != null && binary == null) {
            try {
                redactedData = SdkJson.MAPPER.readTree(redactor().redact(data.toString()));
            } catch (JsonProcessingException e) {
                redactedData = null;
            }
        }
        if (binary != null && lastOutcome != null) {
            // the command of a write is the write itself, not the read that checked it after
            ProcessOutcome shown = lastWrite != null ? lastWrite : lastOutcome;
            return withCloudTrail(new ToolResult(Transport.CLI, shown.argv(), shown.exitCode(), null, output,
                    redactedData, evidence(extra)));
        }
        return withCloudTrail(new ToolResult(Transport.HTTP, command(), null, 200, redactor().redact(output),
                redactedData, evidence(extra)));
    }

    /**
     * A write asks for its CloudTrail events: CloudTrail delivers them minutes after the call, so the
     * runtime looks them up later ({@link CloudTrailFollowUp}) and adds their ids to this evidence.
     */
    private ToolResult withCloudTrail(ToolResult result) {
        if (read || session == null) {
            return result;
        }
        ObjectNode params = SdkJson.MAPPER.createObjectNode()
                .put("account", account.name())
                .put("region", region)
                .put("accessKeyId", session.accessKeyId())
                .put("from", started.toString())
                .put("execution", context.executionId());
        return result.withFollowUps(List.of(new FollowUpRequest(CloudTrailFollowUp.KIND, params,
                CloudTrailFollowUp.GIVE_UP_AFTER)));
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
    }
}
