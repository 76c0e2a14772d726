package io.carapulse.testkit.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A reply turned into bytes for one endpoint: the parts are written and flushed one at a time, so a
 * stream arrives frame by frame as a real server sends it.
 */
record Rendered(int status, String contentType, List<String> parts) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSE = "text/event-stream; charset=utf-8";
    static final String APPLICATION_JSON = "application/json";

    static Rendered json(int status, ObjectNode body) {
        return new Rendered(status, APPLICATION_JSON, List.of(write(body)));
    }

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OpenAI error body, the shape both APIs use. */
    static ObjectNode errorBody(int status, String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", message);
        error.put("type", switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        });
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body;
    }
}
