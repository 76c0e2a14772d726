package io.carapulse.tools.aws;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.cli.ExitMapper;
import io.carapulse.tools.family.HttpStatusMapper;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed AWS call is named, one table for both transports (STYLE 6): the error code AWS answered
 * ({@code AccessDenied}, {@code ThrottlingException}, {@code InvalidInstanceID.NotFound} …), read from
 * the CLI's stderr ({@code An error occurred (<code>) when calling the <Operation> operation: …}) by
 * {@link #EXITS}, or from the SDK's exception by {@link AwsRuntime}; the HTTP status when there is no
 * code ({@link #STATUSES}). Throttling is {@code rate_limited}; the runtime retries it for reads only.
 */
public final class AwsErrors {

    /** {@code An error occurred (Code) when calling …}: group 1 is AWS's error code. */
    private static final Pattern CLI_ERROR = Pattern.compile("An error occurred \\(([A-Za-z0-9._:-]+)\\)");

    static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "AuthorizationError", "AuthorizationErrorException", "Forbidden");
    static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "PriorRequestNotComplete", "LimitExceededException");
    static final Set<String> UNAUTHENTICATED = Set.of("ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId",
            "MissingAuthenticationToken", "AuthFailure", "RequestExpired");
    static final Set<String> INVALID = Set.of("ValidationError", "ValidationException", "InvalidParameterValue",
            "InvalidParameterException", "InvalidParameterCombination", "MissingParameter", "InvalidParameter",
            "MalformedQueryException", "InvalidRequestException");
    static final Set<String> CONFLICT = Set.of("IncorrectInstanceState", "ResourceInUseException",
            "ScalingActivityInProgress", "ScalingActivityInProgressFault", "ConcurrentModification",
            "ConcurrentModificationException", "ResourceContention", "ResourceContentionFault");
    static final Set<String> UNAVAILABLE = Set.of("ServiceUnavailable", "ServiceUnavailableException",
            "InternalFailure", "InternalError", "InternalServerError", "InternalServiceError", "ServerException",
            "Unavailable", "RequestTimeout", "RequestTimeoutException");

    /** The CLI's exits, read from its (redacted) stderr. */
    public static final ExitMapper EXITS = AwsErrors::exit;

    /** The statuses of an SDK call without an error code. */
    public static final HttpStatusMapper STATUSES = status -> status == 400 ? ToolFailure.TOOL_FAILED
            : HttpStatusMapper.STANDARD.failure(status);

    private AwsErrors() {
    }

    /** The failure for AWS's error {@code code}, or {@code null} when the code says nothing this table knows. */
    public static ToolFailure failure(String code) {
        if (code == null) {
            return null;
        }
        if (DENIED.contains(code)) {
            return ToolFailure.FORBIDDEN;
        }
        if (THROTTLED.contains(code)) {
            return ToolFailure.RATE_LIMITED;
        }
        if (UNAUTHENTICATED.contains(code)) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (INVALID.contains(code)) {
            return ToolFailure.INVALID_ARGUMENTS;
        }
        if (CONFLICT.contains(code)) {
            return ToolFailure.CONFLICT;
        }
        if (UNAVAILABLE.contains(code)) {
            return ToolFailure.UNAVAILABLE;
        }
        if (code.equals("NoSuchEntity") || code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.endsWith(".NotFound") || code.startsWith("NoSuch")) {
            return ToolFailure.NOT_FOUND;
        }
        return null;
    }

    /** AWS's error code in the CLI's stderr, if it printed one. */
    public static String cliErrorCode(String stderr) {
        Matcher m = CLI_ERROR.matcher(stderr == null ? "" : stderr);
        return m.find() ? m.group(1) : null;
    }

    static ToolFailure exit(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        ToolFailure byCode = failure(cliErrorCode(s));
        if (byCode != null) {
            return byCode;
        }
        if (s.contains("Unable to locate credentials") || s.contains("The security token included in the request")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("Could not connect to the endpoint URL") || s.contains("Connect timeout on endpoint URL")
                || s.contains("Read timeout on endpoint URL") || s.contains("Connection was closed")) {
            return ToolFailure.UNAVAILABLE;
        }
        if (exitCode == 252 || s.contains("Invalid choice") || s.contains("the following arguments are required")) {
            return ToolFailure.INVALID_ARGUMENTS;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
