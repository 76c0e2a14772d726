package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.common.Json;
import java.util.List;

/**
 * A plan's fingerprint (S2): sha256 of the canonical JSON of its environment and its steps (stage,
 * tool, action, class, arguments, assertion, timeout, in order, and a write's preview when it has one:
 * summary, diff and the basis it was computed from; a time-boxed write's {@code revertAfter}). Targets travel in the arguments and the environment,
 * so any change to what would run, or to the change a preview shows, changes the fingerprint. A step
 * without a preview or a {@code revertAfter} adds nothing, so fingerprints of plans made before previews existed stay the same.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String environment, List<ValidatedStep> steps) {
        ObjectNode root = Json.object();
        root.put("environment", environment);
        ArrayNode array = root.putArray("steps");
        for (ValidatedStep s : steps) {
            ObjectNode n = array.addObject();
            n.put("position", s.position());
            n.put("stage", s.stage().wire());
            n.put("tool", s.tool());
            n.put("action", s.action());
            n.put("class", s.actionClass().name());
            n.set("args", s.args());
            n.set("assert", s.assertion() == null ? null : Json.toTree(s.assertion()));
            if (s.timeoutSeconds() == null) {
                n.putNull("timeoutSeconds");
            } else {
                n.put("timeoutSeconds", s.timeoutSeconds());
            }
            if (s.preview() != null) {
                n.set("preview", StepPreviews.tree(s.preview()));
            }
            if (s.revertAfter() != null) {
                n.put("revertAfterSeconds", s.revertAfter().toSeconds());
            }
        }
        return Json.sha256Hex(Json.canonical(root));
    }
}
