package io.carapulse.core.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/** An {@code approval_poll_cursor} row: where the next poll of a provider starts. */
@MappedEntity("approval_poll_cursor")
public record PollCursorEntity(@Id String provider, @Nullable String position, Instant updatedAt,
                               @Version @Nullable Long version) {
}
