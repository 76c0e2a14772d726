package io.carapulse.tools.aws.internal;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.aws.AwsAccount;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one place where STS refusing to assume an account's role becomes an exception (STYLE 6). The
 * message names the account and the role, quotes STS's own explanation (redacted; it names the
 * missing permission) and never holds a credential. Nothing has changed in AWS when the role cannot be
 * assumed, so throttling and STS's own outages are retriable even for a write.
 */
final class StsErrors {

    static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException");
    static final Set<String> SERVER_IDENTITY_REFUSED = Set.of("InvalidClientTokenId", "ExpiredToken",
            "ExpiredTokenException", "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
            "UnrecognizedClientException", "InvalidAccessKeyId");
    static final Set<String> MISCONFIGURED = Set.of("RegionDisabledException", "ValidationError",
            "MalformedPolicyDocument", "PackedPolicyTooLarge", "InvalidParameterValue");

    private StsErrors() {
    }

    /** The code of the exception for STS answering {@code errorCode} with HTTP {@code status}. */
    static String code(String errorCode, int status, boolean throttling) {
        if (throttling) {
            return "rate_limited";
        }
        if (DENIED.contains(errorCode)) {
            return "forbidden";
        }
        if (SERVER_IDENTITY_REFUSED.contains(errorCode)) {
            return "unauthenticated";
        }
        if (MISCONFIGURED.contains(errorCode)) {
            return "configuration_invalid";
        }
        return status >= 500 ? "unavailable" : "tool_failed";
    }

    static RuntimeException toException(AwsAccount account, AwsServiceException e) {
        String errorCode = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String stsMessage = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String code = code(errorCode, e.statusCode(), e.isThrottlingException());
        String message = "AWS account '" + account.name() + "' (" + account.accountId() + "): STS refused to let "
                + "the server assume " + account.roleArn() + " (" + (errorCode == null ? "HTTP " + e.statusCode() : errorCode)
                + ")" + (stsMessage == null || stsMessage.isBlank() ? "" : ": " + Redactor.patterns().redact(stsMessage.strip()))
                + hint(code) + (e.requestId() == null ? "" : " [STS request id " + e.requestId() + "]");
        return switch (code) {
            case "rate_limited", "unavailable" -> new RetriableToolException(failure(code), message, null, null);
            default -> new ToolException(failure(code), message, null);
        };
    }

    private static ToolFailure failure(String code) {
        return ToolFailure.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    private static String hint(String code) {
        return switch (code) {
            case "forbidden" -> ". The role's trust policy must allow the server's identity sts:AssumeRole, "
                    + "sts:SetSourceIdentity and sts:TagSession (and name the external id if the account declares one)";
            case "unauthenticated" -> ". The server's own AWS credentials are invalid or expired";
            default -> "";
        };
    }
}
