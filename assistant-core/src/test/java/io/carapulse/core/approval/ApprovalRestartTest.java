package io.carapulse.core.approval;

import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.common.Times;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replica that dies between a channel call and its bookkeeping: another server on the same
 * database makes the call again, and nothing is done twice — one Linear issue, one decision. Run on
 * H2 and on a real PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalRestartTest {

    private final ChannelWorld world = new ChannelWorld();

    static Stream<Arguments> databases() {
        Map<String, String> h2 = Map.of("datasources.default.url", "jdbc:h2:mem:restart-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return Stream.of(Arguments.of("h2", h2),
                Arguments.of("postgresql", PostgresFixture.newDatabase().datasourceProperties()));
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private ApplicationContext start(Map<String, String> database) {
        Map<String, Object> props = new HashMap<>(world.properties());
        props.putAll(database);
        props.put("micronaut.server.port", "-1");
        return ApplicationContext.run(props, "test");
    }

    private static void drain(ApplicationContext ctx) {
        ChannelDispatcher dispatcher = ctx.getBean(ChannelDispatcher.class);
        OutboxRepository outbox = ctx.getBean(OutboxRepository.class);
        Clock clock = ctx.getBean(Clock.class);
        for (int i = 0; i < 200; i++) {
            dispatcher.runDue();
            if (outbox.countByStatusAndDueAtLessThanEquals(OutboxStatus.PENDING, Times.now(clock)) == 0) {
                return;
            }
            ChannelTestSupport.sleep();
        }
        throw new AssertionError("channel calls are still due");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldNotReplayACallWhoseResultWasLostInACrash(String name, Map<String, String> database) {
        world.reset();
        String planId;
        String issueId;
        try (ApplicationContext first = start(database)) {
            PlanEntity p = first.getBean(PlanService.class).create(OLIVER,
                    plan("staging", act("scale", "name", "web", "replicas", 3)));
            planId = p.id();
            drain(first);
            ApprovalEntity approval = first.getBean(ApprovalService.class).latest(planId).orElseThrow();
            issueId = first.getBean(ChannelRepository.class).findByApprovalIdOrderByProvider(approval.id()).get(0)
                    .externalId();
            world.linear.applyLabel(issueId, ChannelWorld.BOB, "approval:approved");
            String body = world.linear.webhookBody(issueId, first.getBean(Clock.class).instant());
            first.getBean(WebhookIntake.class).accept("linear", body.getBytes(StandardCharsets.UTF_8), h ->
                    h.equalsIgnoreCase("Linear-Signature") ? ChannelWorld.sign(body, ChannelWorld.WEBHOOK_SECRET) : null);
            drain(first);
            assertThat(first.getBean(ApprovalService.class).latest(planId).orElseThrow().status())
                    .isEqualTo(ApprovalStatus.APPROVED);

            // the replica dies after Linear created the issue and after the decision was applied, but before
            // either call was marked done: that is what the database would hold
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = first.getBean(TransactionOperations.class);
            tx.executeWrite(s -> {
                JdbcOperations jdbc = first.getBean(JdbcOperations.class);
                jdbc.prepareStatement("UPDATE approval_outbox SET status = 'PENDING', done_at = NULL, attempts = 0"
                        + " WHERE kind IN ('ANNOUNCE', 'CHECK')", ps -> ps.executeUpdate());
                jdbc.prepareStatement("UPDATE approval_channel SET status = 'ANNOUNCING', external_id = NULL,"
                        + " display_id = NULL, url = NULL", ps -> ps.executeUpdate());
                return null;
            });
        }

        try (ApplicationContext second = start(database)) {
            drain(second);
            assertThat(second.getBean(DecisionPoller.class).pollAll()).isZero(); // nothing is pending any more
            drain(second);

            assertThat(world.linear.issueCreates()).isEqualTo(1);
            ChannelEntity channel = second.getBean(ChannelRepository.class)
                    .findByApprovalIdOrderByProvider(second.getBean(ApprovalService.class).latest(planId).orElseThrow()
                            .id()).get(0);
            assertThat(channel.externalId()).isEqualTo(issueId);
            assertThat(channel.status()).isEqualTo(ChannelStatus.OPEN);
            AuditService audit = second.getBean(AuditService.class);
            assertThat(audit.list(new AuditFilter(null, "approval.decide", Decision.ALLOW, planId, null, null), 10)
                    .items()).hasSize(1);
            assertThat(audit.list(new AuditFilter(null, "approval.decide", Decision.DENY, planId, null, null), 10)
                    .items()).isEmpty();
            assertThat(audit.verify().ok()).isTrue();
            assertThat(world.linear.labelNames(issueId)).containsExactly("approval:approved");
            assertThat(world.linear.commentBodies(issueId)).isEmpty();
        }
    }

}
