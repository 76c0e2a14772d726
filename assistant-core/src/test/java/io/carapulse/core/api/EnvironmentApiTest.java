package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/environments}: policy, targets and guard rails for anyone with a role; never a
 * credential nor where one is kept.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.environments.prod.kubernetes.token", value = "env:PROD_KUBE_TOKEN_NEVER_SHOWN")
@Property(name = "carapulse.environments.prod.guard-rails.freezes[0].from", value = "2026-12-20T00:00:00Z")
@Property(name = "carapulse.environments.prod.guard-rails.freezes[0].to", value = "2027-01-04T00:00:00Z")
@Property(name = "carapulse.environments.prod.guard-rails.freezes[0].reason", value = "year-end")
@Property(name = "carapulse.environments.prod.guard-rails.standing-approval-max", value = "7d")
class EnvironmentApiTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Test
    void shouldShowPolicyTargetsAndGuardRailsButNoCredential() {
        TestHttp http = new TestHttp(server.getURL());
        String viewer = tokens.create(Actor.SYSTEM, "env-viewer", List.of("viewer")).token();

        TestHttp.Response list = http.get("/v1/environments", viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("PROD_KUBE_TOKEN_NEVER_SHOWN").doesNotContain("env:");
        JsonNode prod = http.get("/v1/environments/prod", viewer).json();
        assertThat(prod.get("approveRoles").toString()).isEqualTo("[\"approver\"]");
        assertThat(prod.get("selfApproval").asBoolean()).isFalse();
        assertThat(prod.get("targets").toString()).contains("web", "payments");
        assertThat(prod.at("/guardRails/freezes/0/reason").asText()).isEqualTo("year-end");
        assertThat(prod.at("/guardRails/freezes/0/to").asText()).isEqualTo("2027-01-04T00:00:00Z");
        assertThat(prod.at("/guardRails/standingApprovalMax").asText()).isEqualTo("168h");
        assertThat(prod.at("/guardRails").has("maxRunningWrites")).isFalse();

        assertThat(http.get("/v1/environments/mars", viewer).code()).isEqualTo("not_found");
        assertThat(http.get("/v1/environments", null).status()).isEqualTo(401);
    }
}
