package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas on one real PostgreSQL race for the same plan: one approves it while the other edits
 * its steps. The loser of each race hears {@code 409} with a stable code, never {@code 500}; the
 * winner's change stands whole, and an approval never outlives an edit of the steps it approved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicaRaceTest {

    private static final int ROUNDS = 12;

    private ApplicationContext first;
    private ApplicationContext second;
    private String operator;
    private String approver;

    @BeforeAll
    void start() {
        Map<String, String> database = PostgresFixture.newDatabase().datasourceProperties();
        first = replica(database);
        second = replica(database);
        TokenService tokens = first.getBean(TokenService.class);
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
    }

    private static ApplicationContext replica(Map<String, String> database) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", "-1");
        props.put("carapulse.testkit.fake-tools", "true");
        ApplicationContext ctx = ApplicationContext.run(props, "test");
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    @Test
    void shouldAnswerTheLoserOfARaceWithAConflict() throws Exception {
        TestHttp one = new TestHttp(first.getBean(EmbeddedServer.class).getURL());
        TestHttp two = new TestHttp(second.getBean(EmbeddedServer.class).getURL());
        List<String> failures = new ArrayList<>();
        int conflicts = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String plan = one.post("/v1/plans", operator, body(2)).json().get("id").asText();
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<TestHttp.Response> approve = CompletableFuture.supplyAsync(() -> {
                await(together);
                return one.post("/v1/plans/" + plan + "/approval", approver, "{\"decision\":\"approve\"}");
            });
            int replicas = 3 + round;
            CompletableFuture<TestHttp.Response> edit = CompletableFuture.supplyAsync(() -> {
                await(together);
                return two.put("/v1/plans/" + plan + "/steps", operator, steps(replicas));
            });
            for (TestHttp.Response r : List.of(approve.get(60, TimeUnit.SECONDS), edit.get(60, TimeUnit.SECONDS))) {
                if (r.status() == 409) {
                    conflicts++;
                    assertThat(r.code()).isIn("invalid_state", "approval_not_pending", "fingerprint_mismatch");
                } else if (r.status() != 200) {
                    failures.add("round " + round + ": " + r.status() + " " + r.body());
                }
            }
            var now = one.get("/v1/plans/" + plan, operator).json();
            if (now.at("/steps/0/args/replicas").asInt() == replicas
                    && "APPROVED".equals(now.get("status").asText())) {
                assertThat(now.at("/approval/fingerprint").asText())
                        .as("round %d: an approval stands only for the steps it saw", round)
                        .isEqualTo(now.get("fingerprint").asText());
            }
        }
        assertThat(failures).as("answers that were neither a success nor a conflict").isEmpty();
        if (conflicts > 0) {
            assertThat(first.getBean(AuditService.class).list(new AuditFilter(null, null, Decision.DENY, null, null, null),
                    1000).items()).as("the losers' refusals are audited").hasSizeGreaterThanOrEqualTo(conflicts);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(int replicas) {
        return "{\"environment\":\"prod\",\"summary\":\"scale\",\"steps\":" + stepsArray(replicas) + "}";
    }

    private static String steps(int replicas) {
        return "{\"steps\":" + stepsArray(replicas) + "}";
    }

    private static String stepsArray(int replicas) {
        return "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":" + replicas + "}}]";
    }
}
