package io.carapulse.config;

import io.micronaut.core.convert.ConversionService;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks an environment's {@code guard-rails} block ({@link EnvironmentProperties.GuardRailsProperties})
 * and turns it into {@link GuardRails}: one problem per mistake, each naming the exact key.
 */
final class GuardRailsValidation {

    /** The keys of the block, as written. */
    static final Set<String> KEYS = Set.of("maintenance-windows", "freezes", "max-write-steps-per-plan",
            "max-running-writes", "standing-approval-max", "revert-after-max");
    static final Set<String> WINDOW_KEYS = Set.of("cron", "duration", "time-zone");
    static final Set<String> FREEZE_KEYS = Set.of("from", "to", "reason");
    /** A window open longer than a year is no restriction; such a value is a typo. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    private static final String CRON_EXAMPLE = "0 0 22 * * MON-FRI";

    private GuardRailsValidation() {
    }

    static GuardRails guardRails(String environmentKey, EnvironmentProperties.GuardRailsProperties p, CronCheck cron,
                                 List<String> problems) {
        if (p == null) {
            return GuardRails.NONE;
        }
        String key = environmentKey + ".guard-rails";
        List<GuardRails.MaintenanceWindow> windows = new ArrayList<>();
        List<Map<String, Object>> rawWindows = p.maintenanceWindows() == null ? List.of() : p.maintenanceWindows();
        for (int i = 0; i < rawWindows.size(); i++) {
            window(key + ".maintenance-windows[" + i + "]", rawWindows.get(i), cron, problems).ifPresent(windows::add);
        }
        List<GuardRails.Freeze> freezes = new ArrayList<>();
        List<Map<String, Object>> rawFreezes = p.freezes() == null ? List.of() : p.freezes();
        for (int i = 0; i < rawFreezes.size(); i++) {
            freeze(key + ".freezes[" + i + "]", rawFreezes.get(i), problems).ifPresent(freezes::add);
        }
        Duration standing = null;
        if (p.standingApprovalMax() != null) {
            standing = duration(p.standingApprovalMax().trim()).orElse(null);
            if (standing == null || standing.isNegative() || standing.isZero() || standing.compareTo(Duration.ofDays(90)) > 0) {
                problems.add(key + ".standing-approval-max: must be a positive duration of at most 90d such as 8h or 7d");
                standing = null;
            }
        }
        Duration revertMax = GuardRails.DEFAULT_REVERT_AFTER_MAX;
        if (p.revertAfterMax() != null) {
            revertMax = duration(p.revertAfterMax().trim()).orElse(null);
            if (revertMax == null || revertMax.compareTo(Duration.ofMinutes(1)) < 0
                    || revertMax.compareTo(Duration.ofDays(30)) > 0) {
                problems.add(key + ".revert-after-max: must be a duration from 1m to 30d such as 8h or 7d");
                revertMax = GuardRails.DEFAULT_REVERT_AFTER_MAX;
            }
        }
        return new GuardRails(windows, freezes, positive(key + ".max-write-steps-per-plan", p.maxWriteStepsPerPlan(),
                problems), positive(key + ".max-running-writes", p.maxRunningWrites(), problems),
                Optional.ofNullable(standing), revertMax);
    }

    private static Optional<GuardRails.MaintenanceWindow> window(String key, Map<String, Object> raw, CronCheck cron,
                                                                 List<String> problems) {
        int before = problems.size();
        Map<String, Object> values = entries(key, raw, WINDOW_KEYS, problems);
        String expression = text(values.get("cron"));
        if (expression == null) {
            problems.add(key + ".cron: a maintenance window needs a cron expression of six fields (second minute hour"
                    + " day-of-month month day-of-week), e.g. " + CRON_EXAMPLE);
        } else if (cron != null) {
            cron.problem(expression).ifPresent(p -> problems.add(key + ".cron: " + p));
        }
        Duration duration = null;
        String d = text(values.get("duration"));
        if (d == null) {
            problems.add(key + ".duration: a maintenance window needs a duration, how long it stays open, e.g. 4h");
        } else {
            duration = duration(d).orElse(null);
            if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_WINDOW) > 0) {
                problems.add(key + ".duration: must be a positive duration of at most 366d such as 30m, 4h or 2d");
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        String z = text(values.get("time-zone"));
        if (z != null) {
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                problems.add(key + ".time-zone: '" + z + "' is not a time zone; use a region such as Europe/Berlin, "
                        + "or UTC");
            }
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new GuardRails.MaintenanceWindow(expression, duration, zone));
    }

    private static Optional<GuardRails.Freeze> freeze(String key, Map<String, Object> raw, List<String> problems) {
        int before = problems.size();
        Map<String, Object> values = entries(key, raw, FREEZE_KEYS, problems);
        Instant from = instant(key + ".from", values.get("from"), problems);
        Instant to = instant(key + ".to", values.get("to"), problems);
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add(key + ".to: must be after " + key + ".from");
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new GuardRails.Freeze(from, to, text(values.get("reason"))));
    }

    private static Instant instant(String key, Object value, List<String> problems) {
        if (value instanceof Date date) { // a YAML reader that turned the timestamp into a date
            return date.toInstant();
        }
        String text = text(value);
        if (text == null) {
            problems.add(key + ": a freeze needs a date-time with its offset, e.g. 2026-12-20T00:00:00Z or "
                    + "2026-12-20T00:00:00+01:00");
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            problems.add(key + ": '" + text + "' is not a date-time with its offset, such as 2026-12-20T00:00:00Z or "
                    + "2026-12-20T00:00:00+01:00");
            return null;
        }
    }

    private static OptionalInt positive(String key, Integer value, List<String> problems) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value < 1) {
            problems.add(key + ": must be a whole number of at least 1 (leave it out for no limit)");
            return OptionalInt.empty();
        }
        return OptionalInt.of(value);
    }

    /** The entries of one list item, each a single value; unknown keys are problems. */
    private static Map<String, Object> entries(String key, Map<String, Object> raw, Set<String> known,
                                               List<String> problems) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, Object> e : (raw == null ? Map.<String, Object>of() : raw).entrySet()) {
            String name = e.getKey();
            if (!known.contains(name)) {
                problems.add(key + "." + name + ": unknown key (known: " + known.stream().sorted().toList() + ")");
            } else if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Iterable<?>) {
                problems.add(key + "." + name + ": must be a single value");
            } else if (e.getValue() != null) {
                values.put(name, e.getValue());
            }
        }
        return values;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** A duration as the server reads every other one ({@code 30m}, {@code 4h}, ISO {@code PT4H}); a bare number is not one. */
    private static Optional<Duration> duration(String text) {
        if (!text.matches("(?i)\\d+(ms|s|m|h|d)|P[0-9A-Z.]+")) {
            return Optional.empty();
        }
        try {
            return ConversionService.SHARED.convert(text, Duration.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
