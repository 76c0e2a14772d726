package io.carapulse.tools.kubectl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes objects as JSON, whichever transport read them: evidence (identity, resourceVersion,
 * generation) and the configmap rule — a configmap's values never leave, only its keys.
 */
public final class KubeJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The annotation where {@code kubectl apply} keeps a copy of the whole object, values included. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private KubeJson() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "kubectl printed something that is not JSON: " + e.getOriginalMessage(),
                    null, e);
        }
    }

    public static ObjectNode tree(Object model) {
        return MAPPER.valueToTree(model);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The object (or every item of a list) with configmap values replaced by their keys
     * ({@code dataKeys}, {@code binaryDataKeys}) and the last-applied annotation removed.
     */
    public static JsonNode withoutConfigValues(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.has("items") && copy.get("items").isArray()) {
            copy.get("items").forEach(KubeJson::stripConfigMap);
        } else {
            stripConfigMap(copy);
        }
        return copy;
    }

    private static void stripConfigMap(JsonNode item) {
        if (!(item instanceof ObjectNode o) || !"ConfigMap".equals(o.path("kind").asText("ConfigMap"))) {
            return;
        }
        for (String field : new String[]{"data", "binaryData"}) {
            JsonNode values = o.remove(field);
            if (values != null && values.isObject()) {
                ArrayNode keys = o.putArray(field + "Keys");
                values.fieldNames().forEachRemaining(keys::add);
            }
        }
        if (o.path("metadata").path("annotations") instanceof ObjectNode a) {
            a.remove(LAST_APPLIED);
        }
    }

    /** {@code kind}, {@code namespace}, {@code name}, {@code uid} of an object, for externalIds. */
    public static Map<String, String> identity(JsonNode object) {
        Map<String, String> ids = new LinkedHashMap<>();
        JsonNode m = object.path("metadata");
        put(ids, "kind", object.path("kind"));
        put(ids, "namespace", m.path("namespace"));
        put(ids, "name", m.path("name"));
        put(ids, "uid", m.path("uid"));
        return ids;
    }

    /** Identity plus {@code resourceVersion.before/after} and {@code generation.before/after} of a write. */
    public static Map<String, String> writeEvidence(JsonNode before, JsonNode after) {
        Map<String, String> ids = identity(after.isMissingNode() ? before : after);
        put(ids, "resourceVersion.before", before.path("metadata").path("resourceVersion"));
        put(ids, "resourceVersion.after", after.path("metadata").path("resourceVersion"));
        put(ids, "generation.before", before.path("metadata").path("generation"));
        put(ids, "generation.after", after.path("metadata").path("generation"));
        return ids;
    }

    /** {@code {resourceVersion, generation, replicas}} of one side of a write, for data. */
    public static ObjectNode version(JsonNode object) {
        ObjectNode v = MAPPER.createObjectNode();
        v.set("resourceVersion", object.path("metadata").path("resourceVersion").deepCopy());
        v.set("generation", object.path("metadata").path("generation").deepCopy());
        JsonNode replicas = object.path("spec").path("replicas");
        if (!replicas.isMissingNode()) {
            v.set("replicas", replicas.deepCopy());
        }
        return v;
    }

    private static void put(Map<String, String> ids, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            ids.put(key, value.asText());
        }
    }
}
