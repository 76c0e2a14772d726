package io.carapulse.core.approval;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Approval channels. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ChannelRepository extends CrudRepository<ChannelEntity, String> {

    List<ChannelEntity> findByApprovalIdOrderByProvider(String approvalId);

    Optional<ChannelEntity> findByProviderAndExternalId(String provider, String externalId);

    /** Open channels of {@code provider} whose approval still waits for a decision: what polls look at. */
    @Query("SELECT c.* FROM approval_channel c JOIN approval a ON a.id = c.approval_id"
            + " WHERE c.provider = :provider AND c.external_id IS NOT NULL AND a.status = 'PENDING'"
            + " ORDER BY c.created_at LIMIT 1000")
    List<ChannelEntity> findPollable(String provider);

    /** Channels whose approval's execution has ended and who have not been told yet. */
    @Query("SELECT c.* FROM approval_channel c JOIN approval a ON a.id = c.approval_id"
            + " JOIN execution e ON e.id = a.consumed_by_execution"
            + " WHERE c.execution_notified = FALSE"
            + " AND e.status IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED')"
            + " ORDER BY c.created_at LIMIT 100")
    List<ChannelEntity> findWithEndedExecution();
}
