package io.carapulse.core.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of {@code console_session}: {@code id} is the sha256 of the cookie the browser holds.
 *
 * @param roles   comma-separated wire names, as the actor had them when signing in
 * @param tokenId the API token the session rests on (signed in with it, or through a link made with it)
 * @param method  how the person signed in: {@code token}, {@code link}
 */
@MappedEntity("console_session")
record ConsoleSessionRow(
        @Id String id,
        String actorId,
        String actorName,
        String actorKind,
        String roles,
        @Nullable String email,
        @Nullable String tokenId,
        String csrf,
        String method,
        Instant createdAt,
        Instant lastSeenAt) {
}
