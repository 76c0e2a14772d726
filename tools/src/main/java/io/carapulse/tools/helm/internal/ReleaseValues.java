package io.carapulse.tools.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.carapulse.api.redact.Redactor;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Release values as Carapulse may show them: secrets masked (S4) and, for {@code all=true} over
 * HTTP, the chart's defaults merged under the user's values.
 */
public final class ReleaseValues {

    /** Keys whose scalar values are masked whatever they look like. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential"
                    + "|client[-_]?key|auth|dsn|connection[-_]?string).*");

    private ReleaseValues() {
    }

    /**
     * A copy of {@code values} with every scalar under a credential-like key replaced by
     * {@link Redactor#MASK} and every other string passed through {@code redactor}.
     */
    public static JsonNode redact(JsonNode values, Redactor redactor) {
        if (values.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                boolean secretKey = SECRET_KEY.matcher(e.getKey()).matches();
                out.set(e.getKey(), secretKey && v.isValueNode() && !v.isNull() && !v.isBoolean()
                        ? TextNode.valueOf(Redactor.MASK) : redact(v, redactor));
            }
            return out;
        }
        if (values.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            values.forEach(v -> out.add(redact(v, redactor)));
            return out;
        }
        return values.isTextual() ? TextNode.valueOf(redactor.redact(values.asText())) : values.deepCopy();
    }

    /**
     * The chart's default values with the user's values merged over them, recursively through
     * objects; a user value of {@code null} removes the default key, as in Helm. Subcharts'
     * values and {@code global} propagation are not computed: this is the top-level chart only.
     */
    public static JsonNode merge(JsonNode chartDefaults, JsonNode userValues) {
        if (!chartDefaults.isObject() || !userValues.isObject()) {
            return userValues.deepCopy();
        }
        ObjectNode out = ((ObjectNode) chartDefaults).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = userValues.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode base = out.get(e.getKey());
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else if (base != null && base.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge(base, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }
}
