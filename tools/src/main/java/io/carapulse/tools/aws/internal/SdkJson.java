package io.carapulse.tools.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An SDK v2 response as the JSON the CLI prints for the same call ({@code --output json}): members by
 * their API names ({@code AutoScalingGroups}, {@code DesiredCapacity}), timestamps in ISO-8601, so an
 * action reads both transports with one piece of code. Binary members are left out.
 */
public final class SdkJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SdkJson() {
    }

    /** The response (or any model object) as JSON. */
    public static ObjectNode of(SdkPojo pojo) {
        ObjectNode node = F.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode json = value(value);
            if (json != null) {
                node.set(field.memberName(), json);
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null || value instanceof SdkBytes) {
            return null;
        }
        if (value instanceof SdkPojo p) {
            return of(p);
        }
        if (value instanceof List<?> list) {
            if (list instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) {
                return null;
            }
            ArrayNode array = F.arrayNode();
            list.forEach(v -> {
                JsonNode j = value(v);
                array.add(j == null ? F.nullNode() : j);
            });
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            if (map instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                return null;
            }
            ObjectNode object = F.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        if (value instanceof Double d) {
            return F.numberNode(d);
        }
        if (value instanceof Float f) {
            return F.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (value instanceof Instant t) {
            return F.textNode(t.toString());
        }
        return F.textNode(String.valueOf(value));
    }
}
