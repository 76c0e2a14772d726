package io.carapulse.core.plan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The steps of plans. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanStepRepository extends CrudRepository<PlanStepEntity, Long> {

    List<PlanStepEntity> findByPlanIdOrderByPosition(String planId);

    void deleteByPlanId(String planId);
}
