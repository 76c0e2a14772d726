package io.carapulse.core.health;

import io.carapulse.core.execution.ExecutionScheduler;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /health/readiness}'s view of this replica (the database's reachability is Micronaut's own
 * {@code jdbc} check beside it): every migration this build ships is applied, the execution scheduler
 * runs and claims work, and the replica is not draining. A replica that is not ready gets no traffic
 * from a load balancer or a Kubernetes Service; it still runs what it has (docs/operations.md).
 */
@Singleton
@Readiness
public class ReplicaReadiness implements HealthIndicator {

    static final String NAME = "replica";

    private final DataSource dataSource;
    private final ExecutionScheduler scheduler;
    /** Set once every migration of this build is seen applied; migrations are never undone. */
    private volatile boolean migrated;

    public ReplicaReadiness(DataSource dataSource, ExecutionScheduler scheduler) {
        this.dataSource = dataSource;
        this.scheduler = scheduler;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic());
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        String problem = scheduler.notRunning();
        details.put("scheduler", problem == null ? "running" : problem);
        String migrations = migrations();
        details.put("migrations", migrations == null ? "applied" : migrations);
        boolean up = problem == null && migrations == null;
        return HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }

    /** Null when every migration this build ships is applied; else what is missing. */
    private String migrations() {
        if (migrated) {
            return null;
        }
        try {
            int pending = Flyway.configure()
                    .dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
                    .locations("classpath:db/migration")
                    .load().info().pending().length;
            if (pending == 0) {
                migrated = true;
                return null;
            }
            return pending + " migration(s) not applied";
        } catch (RuntimeException e) {
            return "the migration history cannot be read";
        }
    }
}
