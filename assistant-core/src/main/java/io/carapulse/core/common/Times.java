package io.carapulse.core.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as stored: microsecond precision, which PostgreSQL and H2 both keep exactly, so a
 * value hashed before it is written hashes the same after it is read back.
 */
public final class Times {

    private Times() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
