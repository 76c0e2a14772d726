package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API shows it.
 *
 * @param nextFireAt when it fires next (absent while paused)
 * @param createdBy  who created it: the plans it makes are requested by them
 * @param fires      the most recent ticks, newest first ({@code GET /v1/schedules/{id}} only)
 */
public record ScheduleView(
        String id,
        String runbook,
        String environment,
        ObjectNode params,
        String cron,
        String timeZone,
        boolean enabled,
        String overlap,
        String misfire,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextFireAt,
        String createdBy,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Fire> fires) {

    /**
     * One tick.
     *
     * @param outcome {@code planned}, {@code skipped} or {@code refused}
     * @param reason  why no plan was made ({@code overlap}, {@code misfire}, or the refusal's code and detail)
     */
    public record Fire(Instant fireTime, String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String planId, Instant firedAt) {
    }
}
