package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The names and texts of a proposed change: its branch, its commit message, and the merge request's
 * description naming the plan, the requester and the approver (and linking the plan in the console when
 * {@code carapulse.console.public-url} is set), so whoever reviews the merge request in GitLab can trace it
 * back to the approval.
 */
final class ChangeText {

    private ChangeText() {
    }

    /**
     * The branch a step pushes to: the one it names, else {@code carapulse/<execution>-<step>} from the call's
     * origin, else (a call outside a plan) {@code carapulse/<execution>-<10 hex of the arguments' SHA-256>}. The
     * same for the inverse captured before the step runs and for the step itself, so the inverse closes what
     * the step opens.
     */
    static String branch(Optional<String> named, ToolCall call, ToolContext context) {
        if (named.isPresent()) {
            return named.get();
        }
        return context.origin().map(o -> "carapulse/" + safe(o.executionId()) + "-" + o.stepPosition())
                .orElseGet(() -> "carapulse/" + safe(context.executionId()) + "-"
                        + sha256(call.args().toString()).substring(0, 10));
    }

    /** {@code id} as a part of a branch name: letters, digits, {@code .}, {@code _}, {@code -}; no {@code ..}. */
    static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("\\.{2,}", ".").replaceAll("^[.-]+", "");
        s = s.length() > 80 ? s.substring(0, 80) : s;
        s = s.replaceAll("[.]+$", "");
        return s.isEmpty() ? "call" : s;
    }

    static String commitMessage(String title, Optional<ToolCallOrigin> origin) {
        return title + "\n\n" + origin.map(o -> "Carapulse plan " + o.planId() + ", execution " + o.executionId()
                + ", step " + o.stepPosition() + ".").orElse("Proposed by Carapulse.");
    }

    /**
     * The merge request's description: the step's body, then who and what it comes from, and the SHA-256 of
     * the approved diff.
     */
    static String description(Optional<String> body, ToolContext context, Optional<String> publicUrl, String diffSha256) {
        StringBuilder d = new StringBuilder();
        body.filter(b -> !b.isBlank()).ifPresent(b -> d.append(b.strip()).append("\n\n---\n\n"));
        Optional<ToolCallOrigin> origin = context.origin();
        if (origin.isPresent()) {
            ToolCallOrigin o = origin.get();
            d.append("Proposed by Carapulse for plan `").append(o.planId()).append("` (execution `")
                    .append(o.executionId()).append("`, step ").append(o.stepPosition()).append(", environment `")
                    .append(o.environment()).append("`).\n\n");
            d.append("- Requested by: ").append(o.requester()).append('\n');
            d.append("- Approved by: ").append(o.approver().orElse("(no approver recorded)")).append('\n');
            publicUrl.ifPresent(u -> d.append("- Plan and approval: ").append(u).append("/console/plans/")
                    .append(o.planId()).append('\n'));
        } else {
            d.append("Proposed by Carapulse (execution `").append(context.executionId()).append("`).\n\n");
        }
        d.append("- Approved diff SHA-256: `").append(diffSha256).append("`\n");
        return d.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
