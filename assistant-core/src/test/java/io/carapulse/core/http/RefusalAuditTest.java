package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Which refusals reach the audit chain (docs/api.md, "Refusals"): every refusal of an authenticated
 * caller's request by policy or state — 403, 409, 422 — exactly once; authentication failures and
 * malformed requests are counted and logged at most once per code per ten seconds, never audited, so
 * an anonymous client cannot flood the chain or the log.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class RefusalAuditTest {

    private static final String SCALE = "{\"environment\":\"prod\",\"summary\":\"scale\",\"steps\":"
            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject AuditService audit;
    @Inject FakeWorld world;

    private TestHttp http;
    private String operator;
    private String viewer;
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        world.reset();
        world.deploy("web", 2);
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(Refusals.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(Refusals.class)).detachAppender(log);
    }

    @Test
    void shouldAuditEachPolicyAndStateRefusalExactlyOnce() {
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        long before = denials();
        assertThat(http.post("/v1/plans/" + plan + "/execute", operator, "").status()).isEqualTo(409);
        assertThat(denials()).isEqualTo(before + 1);
        assertThat(http.post("/v1/plans", viewer, SCALE).status()).isEqualTo(403);
        assertThat(denials()).isEqualTo(before + 2);
        assertThat(http.post("/v1/plans", operator, SCALE.replace("\"scale\",\"args\"", "\"nope\",\"args\""))
                .status()).isEqualTo(422);
        assertThat(denials()).isEqualTo(before + 3);
        assertThat(http.post("/v1/plans/" + plan + "/approval", viewer, "{\"decision\":\"maybe\"}").status())
                .isEqualTo(403);
        assertThat(http.get("/v1/executions?status=NOPE", operator).status()).isIn(400, 422);
        assertThat(denials()).isGreaterThanOrEqualTo(before + 4);
    }

    @Test
    void shouldCountButNotAuditAuthenticationFailuresAndMalformedRequests() {
        long before = denials();
        var records = audit.list(new AuditFilter(null, null, null, null, null, null), 1).items();
        for (int i = 0; i < 50; i++) {
            assertThat(http.get("/v1/plans", "cpt_" + "x".repeat(43)).status()).isEqualTo(401);
            assertThat(http.get("/v1/plans", null).status()).isEqualTo(401);
            assertThat(http.get("/v1/no-such-route", operator).status()).isEqualTo(404);
            assertThat(http.send("POST", "/v1/plans", operator, "text/plain", "hi").status()).isEqualTo(415);
            assertThat(http.post("/v1/plans", operator, "{not json").status()).isEqualTo(400);
        }
        assertThat(denials()).isEqualTo(before);
        assertThat(audit.list(new AuditFilter(null, null, null, null, null, null), 1).items()).isEqualTo(records);

        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).containsPattern("carapulse_requests_refused_total\\{code=\"unauthenticated\",status=\"401\"} [1-9]");
        assertThat(metrics).containsPattern("carapulse_requests_refused_total\\{code=\"not_found\",status=\"404\"} [1-9]");
        assertThat(metrics).containsPattern("carapulse_requests_refused_total\\{code=\"malformed_request\",status=\"400\"} [1-9]");
        long lines = log.list.stream().filter(e -> e.getFormattedMessage().contains("401")).count();
        assertThat(lines).as("log lines for 100 unauthenticated requests").isBetween(1L, 1L);
    }

    /** Denials so far; a test class makes far fewer than a page holds. */
    private long denials() {
        return audit.list(new AuditFilter(null, null, Decision.DENY, null, null, null), 500).items().size();
    }
}
