package io.carapulse.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.carapulse.api.error.ProblemCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Turns every error the framework itself answers (no route, bad JSON, body too large, 401/403 from
 * the security filter) into the same problem document as our own errors, with a stable code and a
 * one-line detail. Never a stack trace.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context,
                                                                    MutableHttpResponse<?> response) {
        int status = response.code();
        ProblemCode code = Problems.forStatus(status);
        String detail = detail(context, code);
        Optional<Throwable> cause = context.getRootCause();
        Optional<UnrecognizedPropertyException> unknownField = cause.flatMap(ProblemResponseProcessor::unknownField);
        if (unknownField.isPresent()) {
            code = ProblemCode.VALIDATION_FAILED;
            detail = "unknown field '" + unknownField.get().getPropertyName() + "'";
        } else if (code == ProblemCode.MALFORMED_REQUEST && cause.flatMap(ProblemResponseProcessor::json).isPresent()) {
            detail = "the request body is not valid JSON: " + cause.flatMap(ProblemResponseProcessor::json)
                    .map(JsonProcessingException::getOriginalMessage).orElse("");
        }
        return Problems.respond(response, code, detail, context.getRequest(), Map.of());
    }

    private static String detail(ErrorContext context, ProblemCode code) {
        if (code == ProblemCode.INTERNAL_ERROR) {
            return "internal error; the server log has the details";
        }
        if (code == ProblemCode.UNAUTHENTICATED) {
            return "a valid bearer token is required (an API token or an OIDC access token)";
        }
        if (code == ProblemCode.FORBIDDEN) {
            return "your roles do not allow this";
        }
        if (code == ProblemCode.NOT_FOUND) {
            return "no such resource: " + context.getRequest().getPath();
        }
        if (code == ProblemCode.PAYLOAD_TOO_LARGE) {
            return "the request body is larger than 1 MiB";
        }
        return context.getErrors().stream().findFirst()
                .map(e -> e.getMessage())
                .map(m -> m.length() > 300 ? m.substring(0, 300) + "…" : m)
                .orElse(code.title());
    }

    private static Optional<UnrecognizedPropertyException> unknownField(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnrecognizedPropertyException u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonProcessingException> json(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }
}
