package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.common.Json;
import java.util.List;

/**
 * A plan's fingerprint (S2): sha256 of the canonical JSON of its environment and its steps (stage,
 * tool, action, class, arguments, assertion, timeout, in order). Targets travel in the arguments and
 * the environment, so any change to what would run changes the fingerprint.
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
        }
        return Json.sha256Hex(Json.canonical(root));
    }
}
