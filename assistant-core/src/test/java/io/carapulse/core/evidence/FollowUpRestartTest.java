package io.carapulse.core.evidence;

import static io.carapulse.core.support.People.OLIVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.support.Steps;
import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A follow-up survives its replica: stored and attempted by one server that stops before it finds
 * anything, it is completed by another server started on the same database, from the task row and the
 * addendum both kept there. Run on H2 and on a real PostgreSQL.
 */
class FollowUpRestartTest {

    static Stream<Arguments> databases() {
        Map<String, String> h2 = Map.of("datasources.default.url", "jdbc:h2:mem:follow-up-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return Stream.of(Arguments.of("h2", h2),
                Arguments.of("postgresql", PostgresFixture.newDatabase().datasourceProperties()));
    }

    private static ApplicationContext start(Map<String, String> database, boolean stall) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("carapulse.test.trail-tool", "true");
        props.put("carapulse.test.follow-up.stall", String.valueOf(stall));
        props.put("carapulse.evidence.follow-up.first-delay", "100ms");
        props.put("carapulse.evidence.follow-up.max-delay", "200ms");
        return ApplicationContext.run(props, "test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldCompleteAPendingFollowUpAfterItsServerStopped(String name, Map<String, String> database)
            throws InterruptedException {
        String key = FollowUpContract.key();
        String executionId;
        try (ApplicationContext first = start(database, true)) {
            StepSpec touch = new StepSpec("trail", "touch", Steps.args("kind", ScriptedFollowUp.KIND, "key", key),
                    "act", null, null);
            PlanEntity plan = first.getBean(PlanService.class).create(OLIVER,
                    new PlanCreateRequest("dev", "trail", List.of(touch)));
            ExecutionService executions = first.getBean(ExecutionService.class);
            executionId = executions.start(OLIVER, plan.id()).id();
            ExecutionEntity ended = executions.awaitSettled(executionId, Duration.ofSeconds(30));
            assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            String id = executionId;
            FollowUpEntity tried = FollowUpContract.await(() -> followUps(first, id).stream()
                    .filter(f -> f.attempts() >= 1).findFirst().orElse(null));
            assertThat(tried.status()).isEqualTo(FollowUpStatus.PENDING);
            assertThat(first.getBean(ScriptedFollowUp.class).attempts(key)).isGreaterThanOrEqualTo(1);
        }

        try (ApplicationContext second = start(database, false)) {
            String id = executionId;
            FollowUpEntity found = FollowUpContract.await(() -> followUps(second, id).stream()
                    .filter(f -> f.status().terminal()).findFirst().orElse(null));

            assertThat(found.status()).isEqualTo(FollowUpStatus.FOUND);
            assertThat(found.externalIdsJson()).contains("evt-" + key);
            assertThat(found.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(second.getBean(ScriptedFollowUp.class).attempts(key)).isEqualTo(1);
            assertThat(second.getBean(AuditService.class).verify().ok()).isTrue();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<FollowUpEntity> followUps(ApplicationContext ctx, String executionId) {
        TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
        return tx.executeRead(s -> ctx.getBean(FollowUpRepository.class).findByExecutionIdOrderByOrdinal(executionId));
    }
}
