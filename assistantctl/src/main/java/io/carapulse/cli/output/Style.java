package io.carapulse.cli.output;

import java.util.Set;

/** ANSI colour for statuses and headings, only when a person watches a terminal (see {@code CliEnvironment.colour()}). */
public final class Style {

    private static final Set<String> GOOD = Set.of("SUCCEEDED", "APPROVED", "READY", "ALLOW", "OK", "UP");
    private static final Set<String> BAD = Set.of("FAILED", "REJECTED", "EXPIRED", "ROLLED_BACK", "CANCELLED",
            "TIMED_OUT", "UNKNOWN", "DENY", "FAIL", "BREAK_GLASS", "HELD");
    private static final Set<String> WAITING = Set.of("AWAITING_APPROVAL", "PENDING", "QUEUED", "RUNNING",
            "EXECUTING", "ROLLING_BACK", "WRITE", "WARN");

    private final boolean enabled;

    public Style(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A status (or class, or decision) in green, red or yellow. */
    public String status(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        if (GOOD.contains(upper)) {
            return paint("32", value);
        }
        if (BAD.contains(upper)) {
            return paint("31", value);
        }
        return WAITING.contains(upper) ? paint("33", value) : value;
    }

    public String bold(String value) {
        return paint("1", value);
    }

    public String dim(String value) {
        return paint("2", value);
    }

    /** One line of a unified diff: added lines green, removed red, hunk headers cyan, file headers bold. */
    public String diffLine(String line) {
        if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff --git")) {
            return bold(line);
        }
        if (line.startsWith("+")) {
            return paint("32", line);
        }
        if (line.startsWith("-")) {
            return paint("31", line);
        }
        return line.startsWith("@@") ? paint("36", line) : line;
    }

    private String paint(String code, String value) {
        return enabled ? "\u001b[" + code + "m" + value + "\u001b[0m" : value;
    }

    static int visibleLength(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
