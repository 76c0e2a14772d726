package io.carapulse.core.runbook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The {@code runbook} row: one per name, pointing at its current version. */
@MappedEntity("runbook")
record RunbookRow(
        @Id String name,
        int currentVersion,
        String source,
        @Nullable String location,
        boolean retired,
        Instant updatedAt) {
}
