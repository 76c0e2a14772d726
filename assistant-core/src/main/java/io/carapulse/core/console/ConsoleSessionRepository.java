package io.carapulse.core.console;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Console sessions (cookie hashes only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConsoleSessionRepository extends CrudRepository<ConsoleSessionRow, String> {

    /** Records activity unless a newer one is stored, so a page load writes at most once a minute. */
    @Query("UPDATE console_session SET last_seen_at = :at WHERE id = :id AND last_seen_at < :staleBefore")
    long touch(String id, Instant at, Instant staleBefore);

    /** Removes the sessions idle since before {@code idleBefore} or opened before {@code openedBefore}. */
    @Query("DELETE FROM console_session WHERE last_seen_at < :idleBefore OR created_at < :openedBefore")
    long deleteExpired(Instant idleBefore, Instant openedBefore);
}
