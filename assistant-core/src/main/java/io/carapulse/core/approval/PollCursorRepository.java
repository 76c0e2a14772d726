package io.carapulse.core.approval;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Poll cursors, one per provider. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PollCursorRepository extends CrudRepository<PollCursorEntity, String> {
}
