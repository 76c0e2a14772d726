package io.carapulse.api.approval;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a channel is told about a new approval request. Everything here has been redacted already;
 * a provider may show all of it to people.
 *
 * @param approvalId  the approval's id ({@code apr_…})
 * @param channelId   a UUID (v4) chosen once per approval and channel before the first attempt; the
 *                    idempotency key of {@link ApprovalProvider#announce}
 * @param planId      the plan the approval is for
 * @param environment the plan's environment
 * @param summary     the plan's one-line summary
 * @param requester   who asked (email for people, the token name for tokens)
 * @param fingerprint the plan fingerprint the approval is bound to (S2)
 * @param breakGlass  whether the plan has break-glass steps
 * @param steps       the plan's steps in order
 * @param expiresAt   when the request expires unless decided
 * @param planUrl     where people can read the plan, if the server knows its public address
 */
public record ApprovalRequest(
        String approvalId,
        String channelId,
        String planId,
        String environment,
        String summary,
        String requester,
        String fingerprint,
        boolean breakGlass,
        List<Step> steps,
        Instant expiresAt,
        URI planUrl) {

    public ApprovalRequest {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(channelId, "channelId");
        steps = List.copyOf(steps);
    }

    /**
     * One step as an approver needs to see it.
     *
     * @param position    1-based
     * @param stage       {@code act} or {@code verify}
     * @param tool        e.g. {@code kubectl}
     * @param action      e.g. {@code scale}
     * @param actionClass {@code READ}, {@code WRITE} or {@code BREAK_GLASS} (S1)
     * @param target      the step's arguments (which name its targets), compact JSON, redacted
     * @param preview     what the step will change as read when the plan was made (a proposed change's
     *                    diff), redacted; {@code null} for a step without one
     * @param revertAfter the step's time box ({@code 2h}): its change is reverted that long after the execution
     *                    succeeds, without another approval; {@code null} for a step without one
     */
    public record Step(int position, String stage, String tool, String action, String actionClass, String target,
                       Preview preview, String revertAfter) {

        /** A step that is not time-boxed. */
        public Step(int position, String stage, String tool, String action, String actionClass, String target,
                    Preview preview) {
            this(position, stage, tool, action, actionClass, target, preview, null);
        }

        /** A step without a preview. */
        public Step(int position, String stage, String tool, String action, String actionClass, String target) {
            this(position, stage, tool, action, actionClass, target, null, null);
        }
    }

    /**
     * A step's preview as approvers see it; the fingerprint covers it.
     *
     * @param summary    one line ({@code "2 files in acme/web from main@1a2b3c4: +12 -3"})
     * @param diff       the unified diff
     * @param diffSha256 the SHA-256 of the diff as stored (before redaction), also in the step's evidence
     */
    public record Preview(String summary, String diff, String diffSha256) {
    }
}
