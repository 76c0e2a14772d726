package io.carapulse.tools.aws;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.aws.internal.AwsClients;
import io.carapulse.tools.aws.internal.AwsSession;
import io.carapulse.tools.aws.internal.AwsSessions;
import io.carapulse.tools.aws.internal.SessionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * The CloudTrail follow-up of an {@code aws} write: the events a call's temporary access key made, found
 * with {@code LookupEvents} by {@code AccessKeyId} within a window. A write's evidence names what this
 * needs ({@code aws.access_key_id}, {@code aws.account}, {@code aws.region}, {@code aws.started_at}); the
 * durable task that calls it later (CloudTrail delivers events minutes after the call) lives in the core.
 * The lookup assumes the account's role like any call (with its own session context).
 */
public final class CloudTrailLookup {

    /** At most this many pages of 50 events. */
    static final int MAX_PAGES = 10;

    private final AwsSessions sessions;

    public CloudTrailLookup(AwsSessions sessions) {
        this.sessions = sessions;
    }

    /** One event of the lookup. */
    public record Event(String id, String name, Instant time, String source) {
    }

    /**
     * The events made with {@code accessKeyId} between {@code from} and {@code to}, oldest page last as
     * CloudTrail answers.
     *
     * @throws RetriableToolException when CloudTrail throttles or cannot be reached (the follow-up tries later)
     * @throws ToolException          when CloudTrail refuses (the role lacks {@code cloudtrail:LookupEvents})
     */
    public List<Event> lookup(AwsAccount account, String region, String accessKeyId, Instant from, Instant to,
                              SessionContext context) {
        AwsSession session = sessions.assume(account, region, context);
        List<Event> events = new ArrayList<>();
        try (CloudTrailClient client = AwsClients.build(CloudTrailClient.builder(), account, session)) {
            String next = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                String token = next;
                LookupEventsResponse response = client.lookupEvents(r -> r.startTime(from).endTime(to).maxResults(50)
                        .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.ACCESS_KEY_ID)
                                .attributeValue(accessKeyId).build()).nextToken(token));
                response.events().forEach(e -> events.add(new Event(e.eventId(), e.eventName(), e.eventTime(),
                        e.eventSource())));
                next = response.nextToken();
                if (next == null || next.isEmpty()) {
                    break;
                }
            }
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            ToolFailure failure = e.isThrottlingException() ? ToolFailure.RATE_LIMITED : AwsErrors.failure(code);
            String message = "CloudTrail lookup of " + accessKeyId + " in account '" + account.name() + "', " + region
                    + ": AWS answered " + (code == null ? "HTTP " + e.statusCode() : code);
            if (failure == ToolFailure.RATE_LIMITED || failure == ToolFailure.UNAVAILABLE || e.statusCode() >= 500) {
                throw new RetriableToolException(failure == null ? ToolFailure.UNAVAILABLE : failure, message, null, null);
            }
            throw new ToolException(failure == null ? ToolFailure.TOOL_FAILED : failure, message, null);
        } catch (SdkClientException e) {
            throw new RetriableToolException(ToolFailure.UNAVAILABLE, "CloudTrail lookup in account '" + account.name()
                    + "', " + region + ": cannot reach CloudTrail", null, null);
        }
        return events;
    }
}
