package io.carapulse.core.evidence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Follow-ups of evidence. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FollowUpRepository extends CrudRepository<FollowUpEntity, String> {

    List<FollowUpEntity> findByExecutionIdOrderByOrdinal(String executionId);

    List<FollowUpEntity> findByEvidenceIdOrderByOrdinal(String evidenceId);
}
