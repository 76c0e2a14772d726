package io.carapulse.core.console;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** One-time sign-in links (code hashes only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConsoleLoginLinkRepository extends CrudRepository<ConsoleLoginLinkRow, String> {

    /**
     * Marks the link used if it is unused and unexpired at {@code at}; 1 when this call won it. The
     * condition is in SQL, so of two concurrent uses (or replicas) exactly one signs in.
     */
    @Query("UPDATE console_login_link SET used_at = :at WHERE id = :id AND used_at IS NULL AND expires_at > :at")
    long redeem(String id, Instant at);

    @Query("DELETE FROM console_login_link WHERE expires_at < :before")
    long deleteExpired(Instant before);
}
