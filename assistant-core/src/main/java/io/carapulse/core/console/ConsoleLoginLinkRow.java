package io.carapulse.core.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of {@code console_login_link}: {@code id} is the sha256 of the link's code. */
@MappedEntity("console_login_link")
record ConsoleLoginLinkRow(
        @Id String id,
        String actorId,
        String actorName,
        String actorKind,
        String roles,
        @Nullable String email,
        @Nullable String tokenId,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt) {
}
