package io.carapulse.cli.output;

import java.time.Duration;
import java.time.Instant;

/** Human durations for tables: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
public final class Ages {

    private Ages() {
    }

    public static String since(Instant then) {
        return then == null ? null : of(Duration.between(then, Instant.now()));
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** Milliseconds as {@code 812ms} or {@code 3.4s}. */
    public static String millis(long ms) {
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
