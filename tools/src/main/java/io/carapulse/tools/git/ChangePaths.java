package io.carapulse.tools.git;

import java.util.List;
import java.util.Optional;

/**
 * The paths a proposed change may name: relative, normalised, inside the repository, not in {@code .git}.
 * A path is refused for what it is, before any prefix of the inventory is considered, so {@code
 * helm/values/prod/../../../etc} never reaches a prefix check it could fool.
 */
public final class ChangePaths {

    /** The longest path accepted. */
    public static final int MAX_LENGTH = 400;

    private ChangePaths() {
    }

    /** Why {@code path} cannot be changed, or empty when it can. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("a path is empty");
        }
        String shown = "'" + printable(path) + "'";
        if (path.length() > MAX_LENGTH) {
            return Optional.of("path " + shown.substring(0, 40) + "…' is longer than " + MAX_LENGTH + " characters");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("path " + shown + " contains a control character");
        }
        if (path.startsWith("/") || path.startsWith("~") || path.matches("[A-Za-z]:.*")) {
            return Optional.of("path " + shown + " is absolute; paths are relative to the repository root");
        }
        if (path.contains("\\")) {
            return Optional.of("path " + shown + " contains a backslash; use '/' between directories");
        }
        if (path.endsWith("/")) {
            return Optional.of("path " + shown + " names a directory; name a file");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("path " + shown + " has an empty segment ('//')");
            }
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("path " + shown + " contains '" + segment + "'; paths must be normalised and stay inside"
                        + " the repository");
            }
            if (segment.equalsIgnoreCase(".git")) {
                return Optional.of("path " + shown + " is inside .git");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is under one of {@code prefixes} (a prefix ending in '/' is a directory; any other an exact file). */
    public static boolean under(String path, List<String> prefixes) {
        for (String p : prefixes) {
            if (p.endsWith("/") ? path.startsWith(p) : path.equals(p)) {
                return true;
            }
        }
        return false;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
