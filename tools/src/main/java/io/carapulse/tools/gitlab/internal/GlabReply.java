package io.carapulse.tools.gitlab.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code glab api --include} printed: the status line ({@code HTTP/2.0 200 OK}), the response
 * headers ({@code Name: value}, sorted, CRLF), a blank line, then GitLab's body as it came. glab prints
 * the headers before it looks at the status, so a failed call shows them too (then exits 1 with
 * {@code glab: <message> (HTTP <status>)} on stderr). Output without a status line (a glab that printed
 * only a body) reads as that body with no status and no headers.
 *
 * @param status  the HTTP status, or 0 when none was printed
 * @param headers the headers, names in lower case
 * @param body    the body, possibly empty (a HEAD request, a 204)
 */
public record GlabReply(int status, Map<String, String> headers, String body) {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/[0-9.]+ ([0-9]{3})(?: .*)?");

    public GlabReply {
        headers = Map.copyOf(headers);
    }

    /** Reads {@code stdout} as glab printed it. */
    public static GlabReply parse(String stdout) {
        String text = stdout == null ? "" : stdout;
        int firstEnd = text.indexOf('\n');
        String first = (firstEnd < 0 ? text : text.substring(0, firstEnd)).strip();
        Matcher status = STATUS_LINE.matcher(first);
        if (!status.matches()) {
            return new GlabReply(0, Map.of(), text);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int at = firstEnd < 0 ? text.length() : firstEnd + 1;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = (end < 0 ? text.substring(at) : text.substring(at, end));
            at = end < 0 ? text.length() : end + 1;
            String header = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        return new GlabReply(Integer.parseInt(status.group(1)), headers, text.substring(Math.min(at, text.length())));
    }
}
