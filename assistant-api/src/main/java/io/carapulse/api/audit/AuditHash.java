package io.carapulse.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.AuditEventView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an audit record's hash is computed: sha256 over the canonical JSON (keys sorted at every
 * depth, no whitespace) of every stored field plus the previous record's hash. Changing any field,
 * deleting or reordering records breaks the chain at that point. The server and
 * {@code assistantctl audit verify} both use this, so a chain can be checked away from the server.
 */
public final class AuditHash {

    /** The {@code prevHash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditHash() {
    }

    public static String hash(long seq, Instant at, String actor, String action, String subjectType,
                              String subjectId, String decision, String reason, JsonNode details,
                              String prevHash) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
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
        return sha256Hex(canonical(n));
    }

    /** The hash {@code record} should have, recomputed from its fields (not its stored {@code hash}). */
    public static String of(AuditEventView record) {
        return hash(record.seq(), record.at(), record.actor(), record.action(), record.subjectType(),
                record.subjectId(), record.decision(), record.reason(), record.details(), record.prevHash());
    }

    static String canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
