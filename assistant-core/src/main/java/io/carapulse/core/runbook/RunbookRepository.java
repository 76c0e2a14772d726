package io.carapulse.core.runbook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Runbook names and their current versions. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RunbookRepository extends CrudRepository<RunbookRow, String> {

    /** The row, locked until the transaction ends, so two replicas recording a version take turns. */
    @Query("SELECT * FROM runbook WHERE name = :name FOR UPDATE")
    Optional<RunbookRow> findForUpdate(String name);

    List<RunbookRow> findByRetiredOrderByName(boolean retired);
}
