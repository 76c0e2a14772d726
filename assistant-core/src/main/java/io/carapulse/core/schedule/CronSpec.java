package io.carapulse.core.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A cron expression read in a time zone: five fields (minute hour day-of-month month day-of-week,
 * as crontab) or six with seconds first. The next time is computed by db-scheduler's cron support in
 * the zone, so a schedule at 09:00 Europe/Berlin fires at 09:00 local time on both sides of a DST
 * change; a local time that does not exist on the day clocks go forward fires once, at the first
 * instant after the gap, and one that occurs twice on the day they go back fires once.
 */
public record CronSpec(String expression, ZoneId zone, CronStyle style, CronSchedule schedule) {

    /** @throws ProblemException {@code validation_failed} naming {@code cron} or {@code timeZone} */
    public static CronSpec parse(String expression, String timeZone) {
        if (expression == null || expression.isBlank()) {
            throw invalid("cron", "required, e.g. \"0 9 * * MON-FRI\" (minute hour day month weekday)");
        }
        String cron = expression.trim().replaceAll("\\s+", " ");
        int fields = cron.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw invalid("cron", "has " + fields + " fields; write five (minute hour day month weekday) or six"
                    + " (second minute hour day month weekday)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim());
        } catch (DateTimeException e) {
            throw invalid("timeZone", "'" + timeZone + "' is not a time zone; write an IANA name such as Europe/Berlin or UTC");
        }
        CronSchedule schedule;
        CronStyle style = fields == 5 ? CronStyle.UNIX : CronStyle.SPRING53;
        try {
            schedule = new CronSchedule(cron, zone, style);
        } catch (RuntimeException e) {
            throw invalid("cron", "'" + cron + "' is not a cron expression: " + firstLine(e.getMessage()));
        }
        if (schedule.isDisabled()) {
            throw invalid("cron", "'" + cron + "' never fires");
        }
        return new CronSpec(cron, zone, style, schedule);
    }

    /**
     * The first fire time strictly after {@code after}. A fire time whose local time falls in a gap
     * (clocks going forward) is moved to the first instant after the gap rather than skipped, as
     * crontab does: a daily 02:30 still runs once on that day.
     */
    public Instant next(Instant after) {
        Instant next = schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
        ZoneRules rules = zone.getRules();
        for (ZoneOffsetTransition t = rules.nextTransition(after); t != null && t.getInstant().isBefore(next);
             t = rules.nextTransition(t.getInstant())) {
            if (!t.isGap()) {
                continue;
            }
            // read in the offset before the change, the gap's local times are the instants [t, t + gap)
            CronSchedule before = new CronSchedule(expression, t.getOffsetBefore(), style);
            Instant from = after.isAfter(t.getInstant()) ? after : t.getInstant().minusNanos(1);
            Instant inGap = before.getNextExecutionTime(ExecutionComplete.simulatedSuccess(from));
            if (inGap.isBefore(t.getInstant().plus(t.getDuration()))) {
                return t.getInstant();
            }
        }
        return next;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, field + ": " + message,
                java.util.Map.of("errors", java.util.List.of(java.util.Map.of("path", field, "message", message))));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
