package io.carapulse.api.dto;

import java.time.Instant;
import java.util.Map;

/**
 * The addendum a follow-up adds to a step's evidence: what the provider recorded only after the step
 * ended (a CloudTrail event), looked for again with backoff until found, failed or given up.
 *
 * @param kind        what was looked for, e.g. {@code aws.cloudtrail}
 * @param status      {@code pending} (still looking), {@code found}, {@code not_found} (nothing within the
 *                    time the tool allowed) or {@code failed} (cannot be found: see {@code summary})
 * @param attempts    how many times it was looked for
 * @param externalIds the provider's ids found (redacted); empty until found
 * @param summary     what the last attempt said, for people (redacted)
 * @param updatedAt   when the last attempt was stored (when the follow-up was stored, before the first)
 */
public record FollowUpView(
        String kind,
        String status,
        int attempts,
        Map<String, String> externalIds,
        String summary,
        Instant updatedAt) {
}
