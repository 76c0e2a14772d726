package io.carapulse.core.approval;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The channels' outbox. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxEntity, Long> {

    /** Pending calls that are due and not being made, oldest first. */
    @Query("SELECT * FROM approval_outbox WHERE status = 'PENDING' AND due_at <= :now"
            + " AND (lease_until IS NULL OR lease_until < :now) ORDER BY id LIMIT 50")
    List<OutboxEntity> findDue(Instant now);

    /** Whether an earlier call of the same channel is still pending: calls of a channel go in order. */
    boolean existsByChannelIdAndStatusAndIdLessThan(String channelId, OutboxStatus status, Long id);

    /** Whether a call of this kind is pending for the channel and has not started yet. */
    boolean existsByChannelIdAndKindAndStatusAndAttempts(String channelId, OutboxKind kind, OutboxStatus status,
                                                         int attempts);

    /** Calls due by {@code at} and not done, whether or not a dispatcher is making them. */
    long countByStatusAndDueAtLessThanEquals(OutboxStatus status, Instant at);
}
