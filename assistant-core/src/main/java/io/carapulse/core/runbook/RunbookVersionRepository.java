package io.carapulse.core.runbook;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Every recorded runbook version. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RunbookVersionRepository extends CrudRepository<RunbookVersionRow, String> {

    Optional<RunbookVersionRow> findByNameAndVersion(String name, int version);

    List<RunbookVersionRow> findByNameOrderByVersionDesc(String name);
}
