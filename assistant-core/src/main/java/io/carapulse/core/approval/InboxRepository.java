package io.carapulse.core.approval;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Decisions read from channels. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InboxRepository extends CrudRepository<InboxEntity, Long> {

    boolean existsByProviderAndEventKey(String provider, String eventKey);

    List<InboxEntity> findByApprovalIdOrderById(String approvalId);
}
