package io.carapulse.core.approval;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Approval requests. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApprovalRepository extends CrudRepository<ApprovalEntity, String> {

    /** The plan's newest request, whatever its state. */
    Optional<ApprovalEntity> findFirstByPlanIdOrderByRequestedAtDesc(String planId);

    List<ApprovalEntity> findByPlanIdAndStatusIn(String planId, List<ApprovalStatus> statuses);

    List<ApprovalEntity> findByStatusOrderByRequestedAt(ApprovalStatus status);

    @Query("SELECT * FROM approval WHERE status IN ('PENDING', 'APPROVED') AND expires_at <= :now ORDER BY expires_at LIMIT 500")
    List<ApprovalEntity> findOpenExpiredBefore(Instant now);
}
