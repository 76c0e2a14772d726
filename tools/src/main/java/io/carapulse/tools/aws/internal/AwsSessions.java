package io.carapulse.tools.aws.internal;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.aws.AwsAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Assumes an account's role for each AWS call (S4, S6). The server's own identity comes from the
 * SDK's default provider chain (environment, web identity/IRSA, SSO profile, instance profile) and is
 * used for nothing but {@code sts:AssumeRole}; it never reaches a child process. Each session carries
 * who and what it is for ({@link SessionContext}), so CloudTrail attributes the change to the
 * requester and the approver. One STS client per region and endpoint, kept until {@link #close()}.
 */
public final class AwsSessions implements AutoCloseable {

    static final String TAG_PLAN_ID = "plan-id";
    static final String TAG_APPROVER = "approver";
    static final String TAG_ENVIRONMENT = "environment";
    /** STS's rule for an external id; checked here so a bad one is named without being shown. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private final Supplier<AwsCredentialsProvider> identityFactory;
    /** Made at the first AWS call: the SDK's default chain costs a server without AWS accounts its start-up. */
    private AwsCredentialsProvider serverIdentity;
    private final Function<String, String> secretEnvironment;
    private final Map<String, StsClient> clients = new ConcurrentHashMap<>();

    /** The server's identity from the SDK's default chain; external ids from the real environment. */
    public AwsSessions() {
        this(() -> DefaultCredentialsProvider.builder().build(), System::getenv);
    }

    /**
     * @param serverIdentity    the server's own AWS identity, used only to call STS
     * @param secretEnvironment resolves {@code env:} references of external ids
     */
    public AwsSessions(AwsCredentialsProvider serverIdentity, Function<String, String> secretEnvironment) {
        this(() -> serverIdentity, secretEnvironment);
    }

    private AwsSessions(Supplier<AwsCredentialsProvider> identityFactory, Function<String, String> secretEnvironment) {
        this.identityFactory = identityFactory;
        this.secretEnvironment = secretEnvironment;
    }

    /**
     * Assumes {@code account}'s role for one call in {@code region}.
     *
     * @throws ToolException          {@code target_not_allowed} when the account does not declare the region;
     *                                {@code forbidden} when STS refuses the role (trust policy);
     *                                {@code unauthenticated} when the server has no valid identity of its own;
     *                                {@code configuration_invalid} for a bad external id, a duration beyond the
     *                                role's maximum, a disabled region; {@code secret_unavailable} (a
     *                                {@link io.carapulse.api.error.PermanentException}) when the external id
     *                                cannot be read
     * @throws RetriableToolException when STS throttles, fails or cannot be reached
     */
    public AwsSession assume(AwsAccount account, String region, SessionContext ctx) {
        if (!account.allowsRegion(region)) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "region " + region + " is not one of AWS account '"
                    + account.name() + "''s regions " + account.regions(), null);
        }
        AssumeRoleRequest request = request(account, ctx);
        requireServerIdentity(account);
        AssumeRoleResponse response;
        try {
            response = client(account, region).assumeRole(request);
        } catch (AwsServiceException e) {
            throw StsErrors.toException(account, e);
        } catch (SdkClientException e) {
            throw new RetriableToolException(ToolFailure.UNAVAILABLE, "AWS account '" + account.name() + "': cannot reach STS "
                    + "in " + region + account.endpointUrl().map(u -> " at " + u).orElse("") + " to assume "
                    + account.roleArn(), null, e);
        }
        var credentials = response.credentials();
        return new AwsSession(account.name(), region, credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration(), response.assumedRoleUser().arn(),
                request.roleSessionName());
    }

    private AssumeRoleRequest request(AwsAccount account, SessionContext ctx) {
        List<Tag> tags = new ArrayList<>();
        if (ctx.planId() != null) {
            tags.add(tag(TAG_PLAN_ID, ctx.planId()));
        }
        if (ctx.approver() != null) {
            tags.add(tag(TAG_APPROVER, ctx.approver()));
        }
        tags.add(tag(TAG_ENVIRONMENT, ctx.environment()));
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(account.roleArn())
                .roleSessionName(StsNames.sessionName(ctx.executionId(), ctx.stepIndex()))
                .sourceIdentity(StsNames.sourceIdentity(ctx.requester()))
                .tags(tags)
                .durationSeconds((int) account.sessionDuration().toSeconds());
        externalId(account).ifPresent(request::externalId);
        return request.build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(StsNames.tagValue(value)).build();
    }

    private Optional<String> externalId(AwsAccount account) {
        return account.externalId().map(ref -> {
            String value = ref.resolve(secretEnvironment).reveal();
            if (!EXTERNAL_ID.matcher(value).matches()) {
                throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "AWS account '" + account.name() + "': the external "
                        + "id in " + ref + " (" + value.length() + " characters, not shown) is not what STS accepts: "
                        + "2 to 1224 letters, digits and +=,.@:/-_", null);
            }
            return value;
        });
    }

    /** Fails before calling STS when the server has no AWS identity at all: the chain's message lists every place. */
    private void requireServerIdentity(AwsAccount account) {
        try {
            serverIdentity().resolveCredentials();
        } catch (SdkClientException e) {
            throw new ToolException(ToolFailure.UNAUTHENTICATED, "AWS account '" + account.name() + "': the server has no AWS "
                    + "identity of its own to assume " + account.roleArn() + " with (none in its environment, web "
                    + "identity token, SSO profile or instance profile)", null);
        }
    }

    private StsClient client(AwsAccount account, String region) {
        String key = region + " " + account.endpointUrl().map(URI::toString).orElse("");
        return clients.computeIfAbsent(key, k -> AwsClients.configure(StsClient.builder(), account, region)
                .credentialsProvider(serverIdentity()).build());
    }

    private synchronized AwsCredentialsProvider serverIdentity() {
        if (serverIdentity == null) {
            serverIdentity = identityFactory.get();
        }
        return serverIdentity;
    }

    /** Closes the STS clients and the server's credentials provider. */
    @Override
    public synchronized void close() {
        clients.values().forEach(StsClient::close);
        clients.clear();
        if (serverIdentity instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
        serverIdentity = null;
    }
}
