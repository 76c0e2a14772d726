package io.carapulse.tools.argocd.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolResult;
import java.util.Map;

/** Argument schemas (draft 2020-12, closed) and result helpers shared by the argocd actions. */
public final class ArgoSchemas {

    /** An Argo CD application name (DNS-1123 label): never starts with {@code -} (S5). */
    public static final String APP_NAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** A Git revision, tag, branch or Helm chart version: no leading {@code -}, no shell metacharacters. */
    public static final String REVISION = "^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,254}$";

    private ArgoSchemas() {
    }

    /** A closed object schema with {@code properties}; {@code app} is required when declared. */
    public static ObjectNode object(ObjectNode properties) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("type", "object");
        s.set("properties", properties);
        if (properties.has("app")) {
            s.putArray("required").add("app");
        }
        s.put("additionalProperties", false);
        return s;
    }

    /** Properties holding only {@code app}; add more to the returned node. */
    public static ObjectNode appProperty() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.putObject("app").put("type", "string").put("pattern", APP_NAME)
                .put("description", "the Argo CD application; it must belong to one of the environment's projects");
        return p;
    }

    /** {@code evidence} with structured data and external ids added. */
    public static ToolResult withData(ToolResult evidence, com.fasterxml.jackson.databind.JsonNode data,
                                      Map<String, String> externalIds) {
        return new ToolResult(evidence.transport(), evidence.command(), evidence.exitCode(), evidence.httpStatus(),
                evidence.output(), data, externalIds, evidence.digest());
    }
}
