package io.carapulse.cli.command.schedule;

import io.carapulse.cli.http.ApiClient;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The schedule API's paths, and times as the schedule's own clock shows them. */
final class Schedules {

    static final String BASE = "/v1/schedules";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Schedules() {
    }

    static String path(String id) {
        return BASE + "/" + ApiClient.segment(id);
    }

    /** {@code 2026-07-06 09:00:00 +02:00}: the instant in the schedule's zone, its offset that day included. */
    static String at(Instant instant, String zone) {
        if (instant == null) {
            return null;
        }
        return LOCAL.format(instant.atZone(zone(zone)));
    }

    private static ZoneId zone(String zone) {
        try {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC; // the server checked it; an older or newer zone database may still differ
        }
    }
}
