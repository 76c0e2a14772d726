package io.carapulse.core.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The {@code runbook_schedule} row. */
@MappedEntity("runbook_schedule")
record ScheduleRow(
        @Id String id,
        String runbook,
        String environment,
        String paramsJson,
        String cron,
        String timeZone,
        boolean enabled,
        String overlap,
        String misfire,
        String actorId,
        String actorName,
        String actorKind,
        String roles,
        @Nullable String email,
        Instant createdAt,
        Instant updatedAt) {

    ScheduleRow withEnabled(boolean on, Instant at) {
        return new ScheduleRow(id, runbook, environment, paramsJson, cron, timeZone, on, overlap, misfire, actorId,
                actorName, actorKind, roles, email, createdAt, at);
    }
}
