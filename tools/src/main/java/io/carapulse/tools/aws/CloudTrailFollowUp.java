package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.evidence.EvidenceFollowUp;
import io.carapulse.tools.aws.internal.SessionContext;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code aws.cloudtrail}: the CloudTrail events of an AWS write, found after the step. CloudTrail delivers
 * events 5–15 minutes after a call, so a write asks for this follow-up ({@link AwsCall}); the runtime
 * tries again with backoff for up to {@link #GIVE_UP_AFTER} and adds what it finds to the step's evidence
 * as an audited addendum: the event ids and names made with the call's temporary access key.
 */
@Singleton
public class CloudTrailFollowUp implements EvidenceFollowUp {

    /** The follow-up kind writes ask for. */
    public static final String KIND = "aws.cloudtrail";

    /** How long the runtime keeps looking. */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);

    private final AwsRuntime runtime;
    private final CloudTrailLookup lookup;

    public CloudTrailFollowUp(AwsRuntime runtime) {
        this(runtime, new CloudTrailLookup(runtime.sessions()));
    }

    CloudTrailFollowUp(AwsRuntime runtime, CloudTrailLookup lookup) {
        this.runtime = runtime;
        this.lookup = lookup;
    }

    /** CloudTrail takes no end time in the future. */
    private static Instant latest(Instant end) {
        Instant now = Instant.now();
        return end.isAfter(now) ? now : end;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Attempt attempt(ObjectNode params, String environment) {
        String accountName = params.path("account").asText("");
        String region = params.path("region").asText("");
        String accessKeyId = params.path("accessKeyId").asText("");
        Instant from;
        try {
            from = Instant.parse(params.path("from").asText(""));
        } catch (DateTimeParseException e) {
            return Attempt.failed("the follow-up has no valid start time");
        }
        if (!accessKeyId.startsWith("ASIA")) {
            return Attempt.failed("the follow-up has no temporary access key id to look for");
        }
        Optional<AwsAccount> account = runtime.inventory(environment).flatMap(i -> i.account(accountName));
        if (account.isEmpty() || !account.get().allowsRegion(region)) {
            return Attempt.failed("environment " + environment + " no longer declares account '" + accountName
                    + "' in " + region);
        }
        String execution = params.path("execution").asText("unknown");
        List<CloudTrailLookup.Event> events = lookup.lookup(account.get(), region, accessKeyId,
                from.minus(Duration.ofMinutes(1)), latest(from.plus(GIVE_UP_AFTER).plus(Duration.ofMinutes(15))),
                new SessionContext("followup-" + execution, 0, null, "carapulse", null, environment));
        if (events.isEmpty()) {
            return Attempt.notYet("CloudTrail has no event of " + accessKeyId + " yet");
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("aws.cloudtrail_event_ids", events.stream().map(CloudTrailLookup.Event::id)
                .collect(Collectors.joining(",")));
        ids.put("aws.cloudtrail_events", String.valueOf(events.size()));
        String names = events.stream().map(CloudTrailLookup.Event::name).distinct().sorted()
                .collect(Collectors.joining(", "));
        return Attempt.found(ids, events.size() + " CloudTrail event" + (events.size() == 1 ? "" : "s") + " of "
                + accessKeyId + ": " + names);
    }
}
