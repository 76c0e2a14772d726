package io.carapulse.core.http;

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

    private final Refusals refusals;

    public ProblemResponseProcessor(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context,
                                                                    MutableHttpResponse<?> response) {
        int status = response.code();
        ProblemCode code = Problems.forStatus(status);
        String detail = detail(context, code);
        Optional<JsonErrors.Problem> json = context.getRootCause().flatMap(JsonErrors::describe);
        if (json.isPresent() && (code == ProblemCode.MALFORMED_REQUEST || code == ProblemCode.VALIDATION_FAILED)) {
            code = json.get().code();
            detail = json.get().detail();
        }
        if (code == ProblemCode.FORBIDDEN) {
            refusals.conflict(context.getRequest(), code, detail);
        } else if (code != ProblemCode.INTERNAL_ERROR && code != ProblemCode.UNAVAILABLE) {
            refusals.rejected(context.getRequest(), code, detail);
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
                .map(m -> userTerms(m, code))
                .orElse(code.title());
    }

    private static final java.util.regex.Pattern CONVERSION = java.util.regex.Pattern.compile(
            "(?s)Failed to convert argument \\[([^\\]]{1,100})\\] for value \\[(.*?)\\] due to: (.*)");
    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*|Jackson|Micronaut|Netty|Exception\\b|setterless|"
                    + "deserializ|serializ|\\bbean\\b");

    /**
     * A framework message only when it speaks the client's terms; one naming our types, a library
     * or its internals becomes the problem's title, which always does.
     */
    static String userTerms(String message, ProblemCode code) {
        java.util.regex.Matcher conversion = message == null ? null : CONVERSION.matcher(message);
        if (conversion != null && conversion.matches()) {
            // a query or path value of the wrong type, as Micronaut words it: say it in the client's terms
            String value = conversion.group(2).length() > 40 ? conversion.group(2).substring(0, 40) + "…" : conversion.group(2);
            return conversion.group(1) + ": " + (conversion.group(3).startsWith("For input string")
                    ? "expected a whole number, not '" + value + "'" : "'" + value + "' is not a valid value");
        }
        if (message == null || message.isBlank() || INTERNALS.matcher(message).find()) {
            return code.title();
        }
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
