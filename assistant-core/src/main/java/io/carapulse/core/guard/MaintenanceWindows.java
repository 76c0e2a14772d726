package io.carapulse.core.guard;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.carapulse.config.CronCheck;
import io.carapulse.config.GuardRails.MaintenanceWindow;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maintenance windows, read with the cron support of the scheduler the server already runs on: six
 * fields, second first ({@code 0 0 22 * * MON-FRI}). A window is open in {@code [s, s + duration)} for
 * every time {@code s} its cron fires in its zone. The same parser checks the expressions at start-up
 * ({@link CronCheck}), so an expression that passed is one that runs.
 */
@Singleton
public class MaintenanceWindows implements CronCheck {

    private final Map<MaintenanceWindow, CronSchedule> schedules = new ConcurrentHashMap<>();

    @Override
    public Optional<String> problem(String expression) {
        String e = expression == null ? "" : expression.strip();
        // "-" is the scheduler's own "never"; a window that never opens would stop every write
        if (e.isEmpty() || e.equals("-") || e.split("\\s+").length != 6) {
            return Optional.of(sixFields("is not a"));
        }
        try {
            new CronSchedule(e, ZoneOffset.UTC);
            return Optional.empty();
        } catch (RuntimeException invalid) {
            return Optional.of(sixFields("is not a valid"));
        }
    }

    private static String sixFields(String what) {
        return what + " cron expression of six fields: second minute hour day-of-month month day-of-week, "
                + "e.g. 0 0 22 * * MON-FRI (22:00 on weekdays)";
    }

    /** Whether {@code window} is open at {@code now}: its first fire time after {@code now - duration} is not after {@code now}. */
    public boolean open(MaintenanceWindow window, Instant now) {
        return !nextFire(window, now.minus(window.duration())).isAfter(now);
    }

    /** Whether one of {@code windows} is open at {@code now}; no windows means always. */
    public boolean anyOpen(List<MaintenanceWindow> windows, Instant now) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> open(w, now));
    }

    /** When the first of {@code windows} opens after {@code now}; empty if none ever does. */
    public Optional<Instant> nextOpening(List<MaintenanceWindow> windows, Instant now) {
        return windows.stream().map(w -> nextFire(w, now)).filter(t -> t.isBefore(Schedule.NEVER)).min(Instant::compareTo);
    }

    private Instant nextFire(MaintenanceWindow window, Instant after) {
        CronSchedule schedule = schedules.computeIfAbsent(window, w -> new CronSchedule(w.cron(), w.timeZone()));
        return schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
    }
}
