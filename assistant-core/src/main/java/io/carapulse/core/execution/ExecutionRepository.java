package io.carapulse.core.execution;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** Executions. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ExecutionRepository extends CrudRepository<ExecutionEntity, String> {

    Optional<ExecutionEntity> findByPlanId(String planId);
}
