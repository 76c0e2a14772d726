package io.carapulse.core.common;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in requests: a whole number of minutes, hours or days ({@code 90m},
 * {@code 2h}, {@code 1d}) — a step's {@code revertAfter}, a standing approval's {@code duration}.
 */
public final class Durations {

    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,5})(m|h|d)");

    private Durations() {
    }

    /** The duration {@code text} names, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** The shortest text naming {@code d} in the largest whole unit: {@code 1d}, {@code 36h}, {@code 90m}. */
    public static String format(Duration d) {
        long minutes = d.toMinutes();
        if (minutes > 0 && minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes > 0 && minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes > 0 ? minutes + "m" : d.toSeconds() + "s";
    }
}
