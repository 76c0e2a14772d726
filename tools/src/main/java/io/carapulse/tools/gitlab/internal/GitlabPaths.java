package io.carapulse.tools.gitlab.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * REST paths under {@code /api/v4}, built from parsed arguments only: every value a path segment or a
 * query parameter, percent-encoded ({@code group/app} is {@code group%2Fapp}, as GitLab wants a project
 * path and a file path), so no value can add a segment or a parameter of its own.
 */
public final class GitlabPaths {

    private GitlabPaths() {
    }

    /** {@code projects/<encoded path>}. */
    public static String project(String project) {
        return "projects/" + encode(project);
    }

    /**
     * One path segment or query value, percent-encoded as gitlab4j-api encodes it (a space as {@code %20},
     * {@code /} as {@code %2F}, and {@code .}, {@code -}, {@code _} too, as GitLab's API documentation writes
     * file paths: {@code lib%2Fclass%2Erb}), so both transports send the same URL.
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace(".", "%2E").replace("-", "%2D").replace("_", "%5F");
    }

    /** {@code path?k=v&…} with the values encoded, in the given order; {@code path} alone when none. */
    public static String query(String path, Map<String, ?> parameters) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    /** An ordered parameter map, for {@link #query}. */
    public static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }
}
