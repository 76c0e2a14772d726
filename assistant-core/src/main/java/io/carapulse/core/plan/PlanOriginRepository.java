package io.carapulse.core.plan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Where plans made by runbooks came from. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanOriginRepository extends CrudRepository<PlanOriginRow, String> {
}
