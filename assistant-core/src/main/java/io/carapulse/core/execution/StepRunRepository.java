package io.carapulse.core.execution;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Step runs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StepRunRepository extends CrudRepository<StepRunEntity, String> {

    List<StepRunEntity> findByExecutionIdOrderBySeq(String executionId);
}
