package io.carapulse.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S6 at plan time: a step naming a target outside its environment's inventory is refused before storage. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.test.scoped-tool", value = "true")
class TargetCheckTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;
    @Inject AuditService audit;

    @Test
    void shouldRefuseANamespaceOutsideTheInventoryAndStoreNothing() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "scoped-operator", List.of("operator")).token();
        var before = plans.list(null, null, null, null, 1).items();

        TestHttp.Response refused = http.post("/v1/plans", operator, body("prod", "kube-system"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("target_not_allowed");
        assertThat(refused.json().at("/errors/0/message").asText()).contains("kube-system").contains("prod");
        assertThat(http.post("/v1/plans", operator, body("dev", "web")).code())
                .as("dev declares no cluster at all").isEqualTo("target_not_allowed");
        assertThat(plans.list(null, null, null, null, 1).items()).isEqualTo(before);
        assertThat(audit.list(new AuditFilter(null, "plan.create", Decision.DENY, null, null, null), 50).items())
                .extracting(a -> a.reason()).contains("target_not_allowed");

        assertThat(http.post("/v1/plans", operator, body("prod", "web")).status()).isEqualTo(201);
    }

    private static String body(String environment, String namespace) {
        return "{\"environment\":\"" + environment + "\",\"summary\":\"touch\",\"steps\":[{\"tool\":\"scoped\","
                + "\"action\":\"touch\",\"args\":{\"namespace\":\"" + namespace + "\"}}]}";
    }
}
