package io.carapulse.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An environment's limits on writes, validated: when a plan that writes may start, how many steps that
 * write one plan may have, how many such executions may be under way at once. An empty list or an absent
 * number restricts nothing. Break-glass plans are exempt from windows and freezes; plans that only read
 * are exempt from everything but nothing here concerns them.
 *
 * @param maintenanceWindows   write plans start only inside one of these; none: any time
 * @param freezes              write plans never start inside one of these
 * @param maxWriteStepsPerPlan the most steps that write one plan may have
 * @param maxRunningWrites     the most write executions queued, running, rolling back or held at once
 * @param standingApprovalMax  the longest a standing approval granted here may last; empty: none may be granted
 * @param revertAfterMax       the longest a step's {@code revertAfter} may be here (default {@link #DEFAULT_REVERT_AFTER_MAX})
 */
public record GuardRails(List<MaintenanceWindow> maintenanceWindows, List<Freeze> freezes,
                         OptionalInt maxWriteStepsPerPlan, OptionalInt maxRunningWrites,
                         Optional<Duration> standingApprovalMax, Duration revertAfterMax) {

    /** How long a time-boxed change may last where {@code revert-after-max} is not set. */
    public static final Duration DEFAULT_REVERT_AFTER_MAX = Duration.ofHours(24);

    /** No restriction at all (and no standing approvals). */
    public static final GuardRails NONE = new GuardRails(List.of(), List.of(), OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty());

    /** Guard rails with the default bound on {@code revertAfter}. */
    public GuardRails(List<MaintenanceWindow> maintenanceWindows, List<Freeze> freezes,
                      OptionalInt maxWriteStepsPerPlan, OptionalInt maxRunningWrites, Optional<Duration> standingApprovalMax) {
        this(maintenanceWindows, freezes, maxWriteStepsPerPlan, maxRunningWrites, standingApprovalMax,
                DEFAULT_REVERT_AFTER_MAX);
    }

    /** Guard rails that allow no standing approval. */
    public GuardRails(List<MaintenanceWindow> maintenanceWindows, List<Freeze> freezes,
                      OptionalInt maxWriteStepsPerPlan, OptionalInt maxRunningWrites) {
        this(maintenanceWindows, freezes, maxWriteStepsPerPlan, maxRunningWrites, Optional.empty());
    }

    public GuardRails {
        maintenanceWindows = List.copyOf(maintenanceWindows);
        freezes = List.copyOf(freezes);
        Objects.requireNonNull(maxWriteStepsPerPlan, "maxWriteStepsPerPlan");
        Objects.requireNonNull(maxRunningWrites, "maxRunningWrites");
        Objects.requireNonNull(standingApprovalMax, "standingApprovalMax");
        Objects.requireNonNull(revertAfterMax, "revertAfterMax");
    }

    /** The freeze in force at {@code now}, the one ending last if several overlap. */
    public Optional<Freeze> freezeAt(Instant now) {
        return freezes.stream().filter(f -> f.covers(now)).max(java.util.Comparator.comparing(Freeze::to));
    }

    /**
     * A window in which writes may start: open from every time {@code cron} fires in {@code timeZone}
     * for {@code duration}, {@code [fire, fire + duration)}.
     *
     * @param cron     six fields: second minute hour day-of-month month day-of-week, e.g.
     *                 {@code 0 0 22 * * MON-FRI}; its syntax is checked by the server ({@link CronCheck})
     * @param duration how long the window stays open after each fire time; positive
     * @param timeZone the zone the cron is read in
     */
    public record MaintenanceWindow(String cron, Duration duration, ZoneId timeZone) {

        public MaintenanceWindow {
            Objects.requireNonNull(cron, "cron");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(timeZone, "timeZone");
        }

        /** {@code 0 0 22 * * MON-FRI for 4h (Europe/Berlin)}, for people. */
        public String describe() {
            return cron + " for " + duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                    + " (" + timeZone.getId() + ")";
        }
    }

    /**
     * A change freeze: no write plan starts in {@code [from, to)}.
     *
     * @param from   the first instant of the freeze
     * @param to     the first instant after it
     * @param reason why, shown in the refusal; may be empty
     */
    public record Freeze(Instant from, Instant to, String reason) {

        public Freeze {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            reason = reason == null ? "" : reason;
        }

        public boolean covers(Instant now) {
            return !now.isBefore(from) && now.isBefore(to);
        }
    }
}
