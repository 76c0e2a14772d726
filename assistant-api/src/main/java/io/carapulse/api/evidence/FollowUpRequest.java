package io.carapulse.api.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool's request to complete its evidence later: some providers record what a call did only minutes
 * after it (AWS CloudTrail delivers events 5–15 minutes late). A {@link io.carapulse.api.tool.ToolResult}
 * carries these; the runtime stores them durably with the step's evidence and asks the
 * {@link EvidenceFollowUp} bean of the same {@code kind} again, with backoff, until it finds the
 * provider's ids, fails, or {@code giveUpAfter} has passed.
 *
 * @param kind        which {@link EvidenceFollowUp} answers it, e.g. {@code aws.cloudtrail}: lower-case
 *                    letters, digits, {@code .}, {@code _} and {@code -}, at most 63 characters
 * @param params      what to look for (an event name, a resource, a session name, a time window). Never a
 *                    secret: it is stored redacted, and the follow-up receives it as stored
 * @param giveUpAfter how long after the step's evidence was stored the runtime keeps asking (e.g. 30
 *                    minutes); then the follow-up is recorded as not found. Positive, at most
 *                    {@link #MAX_GIVE_UP_AFTER}
 */
public record FollowUpRequest(String kind, ObjectNode params, Duration giveUpAfter) {

    /** The longest a follow-up may be kept open. */
    public static final Duration MAX_GIVE_UP_AFTER = Duration.ofDays(1);

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public FollowUpRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a follow-up kind is lower-case letters, digits, '.', '_' and '-' "
                    + "(at most 63), got '" + kind + "'");
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero() || giveUpAfter.compareTo(MAX_GIVE_UP_AFTER) > 0) {
            throw new IllegalArgumentException("giveUpAfter must be positive and at most " + MAX_GIVE_UP_AFTER
                    + ", got " + giveUpAfter);
        }
        params = params.deepCopy();
    }

    /** The parameters (a copy: the request cannot be changed after it was made). */
    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
