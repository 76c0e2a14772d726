package io.carapulse.core.evidence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Evidence rows. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EvidenceRepository extends CrudRepository<EvidenceEntity, String> {

    List<EvidenceEntity> findByExecutionIdOrderByStartedAt(String executionId);
}
