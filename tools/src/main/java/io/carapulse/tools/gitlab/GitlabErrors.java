package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.cli.ExitMapper;
import io.carapulse.tools.family.HttpStatusMapper;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed GitLab call is named, one table for both transports (STYLE 6): the HTTP status GitLab
 * answered and, for 403, whether its rate-limit headers say the limit was reached
 * ({@link #failure(int, Map, String)}). The SDK path reads status and headers from gitlab4j's exception;
 * the CLI path from what {@code glab api --include} printed, or, when it printed nothing, from its
 * stderr ({@code glab: 404 Not Found (HTTP 404)}, {@code glab: HTTP 502}) through {@link #EXITS}.
 *
 * <p>Conflicts: 405/406 (the merge request cannot be merged now), 409 (it moved: the head is not the
 * SHA the merge named), 422 and a 400 saying a branch {@code already exists}.
 */
public final class GitlabErrors {

    /** {@code glab: … (HTTP 404)} or {@code glab: HTTP 404}: group 1 or 2 is the status. */
    private static final Pattern CLI_STATUS = Pattern.compile("\\(HTTP ([0-9]{3})\\)|\\bHTTP ([0-9]{3})\\b");
    private static final Pattern NETWORK = Pattern.compile("(?i)dial tcp|connection refused|no such host|i/o timeout"
            + "|tls handshake timeout|connection reset|EOF$|network is unreachable|context deadline exceeded");

    /** The statuses alone, for what has no headers. */
    public static final HttpStatusMapper STATUSES = status -> failure(status, Map.of(), "");

    /** The CLI's exits, read from its (redacted) stderr when its stdout said nothing. */
    public static final ExitMapper EXITS = GitlabErrors::exit;

    private GitlabErrors() {
    }

    /**
     * The failure for GitLab's answer.
     *
     * @param status  the HTTP status; 0 or less for no answer at all
     * @param headers the answer's headers, names in lower case (may be empty)
     * @param message GitLab's {@code message}, for the one 400 that is a conflict
     */
    public static ToolFailure failure(int status, Map<String, String> headers, String message) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 400 -> message != null && message.toLowerCase(Locale.ROOT).contains("already exists")
                    ? ToolFailure.CONFLICT : ToolFailure.INVALID_ARGUMENTS;
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> rateLimited(headers) ? ToolFailure.RATE_LIMITED : ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 405, 406, 409, 412, 422 -> ToolFailure.CONFLICT;
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /** Whether GitLab's headers say the rate limit was reached: {@code RateLimit-Remaining: 0} or a {@code Retry-After}. */
    static boolean rateLimited(Map<String, String> headers) {
        String remaining = headers.getOrDefault("ratelimit-remaining", headers.get("x-ratelimit-remaining"));
        return "0".equals(remaining == null ? null : remaining.strip()) || headers.containsKey("retry-after");
    }

    /** The HTTP status {@code glab} named on stderr, or 0. */
    static int cliStatus(String stderr) {
        Matcher m = CLI_STATUS.matcher(stderr == null ? "" : stderr);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    static ToolFailure exit(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        int status = cliStatus(s);
        if (status > 0) {
            return failure(status, Map.of(), s);
        }
        if (s.lines().anyMatch(l -> NETWORK.matcher(l.strip()).find())) {
            return ToolFailure.UNAVAILABLE;
        }
        if (s.contains("401 Unauthorized") || s.contains("invalid_token")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
