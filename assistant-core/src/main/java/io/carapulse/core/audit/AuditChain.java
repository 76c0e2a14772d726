package io.carapulse.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.common.Json;
import java.time.Instant;

/**
 * How an audit record's hash is computed: sha256 over the canonical JSON of every stored field
 * plus the previous record's hash. Changing any field, deleting or reordering records breaks the
 * chain at that point.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(long seq, Instant at, String actor, String action, String subjectType,
                              String subjectId, String decision, String reason, JsonNode details,
                              String prevHash) {
        ObjectNode n = Json.object();
        n.put("seq", seq);
        n.put("at", at.toString());
        n.put("actor", actor);
        n.put("action", action);
        n.put("subjectType", subjectType);
        n.put("subjectId", subjectId);
        n.put("decision", decision);
        n.put("reason", reason);
        n.set("details", details);
        n.put("prevHash", prevHash);
        return Json.sha256Hex(Json.canonical(n));
    }
}
