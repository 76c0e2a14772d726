package io.carapulse.cli.command.schedule;

import io.carapulse.api.dto.ScheduleView;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;

/** The human form of a schedule: its fields, then its recent fires. */
final class ScheduleRender {

    private ScheduleRender() {
    }

    static String state(ScheduleView s) {
        return s.enabled() ? "enabled" : "paused";
    }

    static void detail(PrintWriter out, ScheduleView s) {
        field(out, "Schedule", s.id());
        field(out, "Runbook", s.runbook());
        field(out, "Environment", s.environment());
        field(out, "Params", s.params() == null ? null : s.params().toString());
        field(out, "Cron", s.cron());
        field(out, "Time zone", s.timeZone());
        field(out, "State", state(s));
        field(out, "Next fire", Schedules.at(s.nextFireAt(), s.timeZone()));
        field(out, "Overlap", s.overlap());
        field(out, "Misfire", s.misfire());
        field(out, "Created", (s.createdAt() == null ? "-" : s.createdAt().toString())
                + (s.createdBy() == null ? "" : " by " + s.createdBy()));
        out.println();
        if (s.fires() == null || s.fires().isEmpty()) {
            out.println("No fires yet.");
        } else {
            Table t = Table.of("FIRE TIME", "OUTCOME", "PLAN/REASON");
            for (ScheduleView.Fire f : s.fires()) {
                t.row(Schedules.at(f.fireTime(), s.timeZone()), f.outcome(), f.planId() != null ? f.planId() : f.reason());
            }
            t.print(out);
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-13s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
