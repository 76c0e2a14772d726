package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolException;
import java.util.regex.Pattern;

/**
 * The argument vocabulary shared by the Helm actions: JSON Schema fragments and the execute-time
 * re-check of the values that reach argv (S5), so a call that bypassed plan validation still cannot
 * put an option or a path where a name belongs.
 */
final class HelmArgs {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String NAMESPACE_RE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    static final String RELEASE_RE = "^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$";
    /** A repo/chart reference or an {@code oci://} URL; never absolute, never {@code ..}, never an option. */
    static final String CHART_RE = "^(?!.*\\.\\.)(?:[a-z0-9][-a-z0-9./]{0,200}"
            + "|oci://[a-z0-9][-a-z0-9.]{0,252}(?::[0-9]{1,5})?(?:/[a-z0-9][-a-z0-9._]{0,127}){1,16})$";
    static final String VERSION_RE = "^v?[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]{1,64})?$";

    static final String NAMESPACE = "\"namespace\": {\"type\": \"string\", \"pattern\": \"" + esc(NAMESPACE_RE)
            + "\", \"description\": \"Kubernetes namespace of the release; must be one of the environment's\"}";
    static final String RELEASE = "\"release\": {\"type\": \"string\", \"pattern\": \"" + esc(RELEASE_RE)
            + "\", \"description\": \"Helm release name\"}";

    private HelmArgs() {
    }

    /** A closed draft 2020-12 object schema with the given properties (JSON members) and required names. */
    static ObjectNode schema(String properties, String... required) {
        StringBuilder req = new StringBuilder();
        for (String r : required) {
            req.append(req.length() == 0 ? "" : ", ").append('"').append(r).append('"');
        }
        String text = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\", "
                + "\"additionalProperties\": false, \"properties\": {" + properties + "}, \"required\": [" + req + "]}";
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid Helm schema: " + text, e);
        }
    }

    static String namespace(ToolCall call) {
        return checked(call, "namespace", NAMESPACE_RE);
    }

    static String release(ToolCall call) {
        return checked(call, "release", RELEASE_RE);
    }

    /** An optional positive integer argument, or 0 when absent. */
    static int positive(ToolCall call, String name) {
        if (!call.args().hasNonNull(name)) {
            return 0;
        }
        int v = call.args().get(name).asInt(0);
        if (!call.args().get(name).canConvertToInt() || v < 1) {
            throw invalid(name + " must be a positive integer");
        }
        return v;
    }

    /** A string argument that must match {@code regex}; the same check as the schema's. */
    static String checked(ToolCall call, String name, String regex) {
        String v = call.args().path(name).asText("");
        if (!Pattern.compile(regex).matcher(v).matches()) {
            throw invalid(name + " '" + v + "' does not match " + regex);
        }
        return v;
    }

    static ToolException invalid(String message) {
        return new ToolException(ToolFailure.INVALID_ARGUMENTS, message, null);
    }

    private static String esc(String regex) {
        return regex.replace("\\", "\\\\");
    }
}
