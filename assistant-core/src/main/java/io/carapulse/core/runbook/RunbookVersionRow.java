package io.carapulse.core.runbook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A {@code runbook_version} row: one recorded version of a runbook, never changed afterwards. */
@MappedEntity("runbook_version")
record RunbookVersionRow(
        @Id String id,
        String name,
        int version,
        String source,
        @Nullable String location,
        String definitionJson,
        String sha256,
        Instant createdAt,
        String createdBy) {
}
