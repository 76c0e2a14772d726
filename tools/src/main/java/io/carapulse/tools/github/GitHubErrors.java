package io.carapulse.tools.github;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.cli.ExitMapper;
import io.carapulse.tools.family.HttpStatusMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed GitHub call is named, one table for both transports (STYLE 6): the HTTP status GitHub
 * answered, and for 403 whether it was a rate limit. The SDK path reads the status and the headers
 * ({@code x-ratelimit-remaining: 0}, {@code retry-after}); {@code gh api} prints neither, only
 * {@code gh: <GitHub's message> (HTTP <status>)} on stderr, so the CLI path reads the status there and
 * knows a rate limit by GitHub's message ({@code API rate limit exceeded …}, {@code … secondary rate
 * limit …}).
 */
public final class GitHubErrors {

    /** {@code gh: Not Found (HTTP 404)} ({@code gh api}) or {@code HTTP 404: Not Found (https://…)} (other commands). */
    private static final Pattern CLI_STATUS = Pattern.compile("\\(HTTP ([0-9]{3})\\)|\\bHTTP ([0-9]{3}):");

    /** The CLI's exits, read from its (redacted) stderr. */
    public static final ExitMapper EXITS = GitHubErrors::exit;

    /** Statuses alone (no headers at hand): 403 is {@code forbidden}. */
    public static final HttpStatusMapper STATUSES = status -> failure(status, false);

    private GitHubErrors() {
    }

    /**
     * The failure for {@code status}; {@code rateLimited} when GitHub said the rate limit was hit (403 with
     * {@code x-ratelimit-remaining: 0} or {@code retry-after}).
     */
    public static ToolFailure failure(int status, boolean rateLimited) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 400 -> ToolFailure.INVALID_ARGUMENTS;
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> rateLimited ? ToolFailure.RATE_LIMITED : ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 405, 409, 422 -> ToolFailure.CONFLICT; // 405: GitHub's "Pull Request is not mergeable"
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /** Whether a response's headers say the rate limit was hit. */
    public static boolean rateLimited(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().toLowerCase(Locale.ROOT);
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            if (name.equals("retry-after") && !values.isEmpty()) {
                return true;
            }
            if (name.equals("x-ratelimit-remaining") && values.stream().anyMatch(v -> v.strip().equals("0"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether GitHub's message says the rate limit was hit. */
    public static boolean rateLimitMessage(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("rate limit");
    }

    /** The HTTP status {@code gh} printed on stderr, or 0 when it printed none. */
    public static int cliStatus(String stderr) {
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
            return failure(status, rateLimitMessage(s));
        }
        if (exitCode == 4 || s.contains("gh auth login") || s.contains("GH_TOKEN environment variable")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("dial tcp") || s.contains("connection refused") || s.contains("no such host")
                || s.contains("i/o timeout") || s.contains("error connecting to") || s.contains("TLS handshake")
                || s.contains("x509:")) {
            return ToolFailure.UNAVAILABLE;
        }
        if (s.contains("unknown flag") || s.contains("unknown command") || s.contains("accepts 1 arg")) {
            return ToolFailure.INVALID_ARGUMENTS;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
