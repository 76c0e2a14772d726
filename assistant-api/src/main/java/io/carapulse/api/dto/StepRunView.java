package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.carapulse.api.tool.ActionClass;
import java.time.Instant;

/**
 * One run of one step.
 *
 * @param kind      {@code act}, {@code verify} or {@code rollback}
 * @param status    {@code PENDING}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT},
 *                  {@code CANCELLED}, {@code UNKNOWN}, {@code SKIPPED}
 * @param rollbackOf for a rollback run, the id of the act run it undoes
 */
public record StepRunView(
        String id,
        int position,
        String kind,
        String tool,
        String action,
        @JsonProperty("class") ActionClass actionClass,
        String status,
        int attempt,
        Instant startedAt,
        Instant endedAt,
        ErrorInfo error,
        String rollbackOf) {
}
