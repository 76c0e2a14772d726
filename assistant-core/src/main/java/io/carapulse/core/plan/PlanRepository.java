package io.carapulse.core.plan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Plans. Listing with filters lives in {@link PlanQueries}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanRepository extends CrudRepository<PlanEntity, String> {
}
