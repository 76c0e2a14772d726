package io.carapulse.api.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a write step will change, read from the provider when the plan is made, so the approver approves
 * the change itself and not only its arguments (a proposed pull request's unified diff). The runtime
 * stores it with the step, covers it by the plan's fingerprint (S2), shows it wherever the approval is
 * (API, CLI, Linear, console) and hands it back to the action at execution ({@link ToolContext#preview()}),
 * where the action refuses with {@link ToolFailure#PRECONDITION_FAILED} if what it was computed from has
 * moved since.
 *
 * @param summary one line for people: {@code "2 files in acme/web from main@1a2b3c4: +12 -3"}
 * @param diff    the unified diff, exactly as approved; never a secret (the plan's arguments are checked
 *                for credentials before a preview is made)
 * @param basis   what the diff was computed from, as the action needs it to check at execution (the base
 *                commit and each file's blob SHA); opaque to the runtime
 */
public record StepPreview(String summary, String diff, ObjectNode basis) {

    public StepPreview {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(basis, "basis");
        basis = basis.deepCopy();
    }

    /** The diff's SHA-256 (hex), recorded in evidence and shown next to the diff. */
    public String diffSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(diff.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
