package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds {@code application/problem+json} bodies (RFC 9457) with Carapulse's stable {@code code}
 * member. Every error the API returns goes through here.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {
    }

    public static Map<String, Object> body(ProblemCode code, String detail, HttpRequest<?> request,
                                           Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:carapulse:problem:" + code.code());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("code", code.code());
        body.put("detail", detail == null ? code.title() : detail);
        if (request != null) {
            body.put("instance", request.getPath());
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    public static MutableHttpResponse<Map<String, Object>> respond(MutableHttpResponse<?> response, ProblemCode code,
                                                                   String detail, HttpRequest<?> request,
                                                                   Map<String, Object> extensions) {
        return response.status(HttpStatus.valueOf(code.status()))
                .contentType(PROBLEM_JSON)
                .body(body(code, detail, request, extensions));
    }

    /** The code for a status the framework produced on its own (no route, too large, ...). */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> ProblemCode.MALFORMED_REQUEST;
            case 401 -> ProblemCode.UNAUTHENTICATED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 409 -> ProblemCode.INVALID_STATE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemCode.VALIDATION_FAILED;
            case 503 -> ProblemCode.UNAVAILABLE;
            default -> status >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.MALFORMED_REQUEST;
        };
    }
}
