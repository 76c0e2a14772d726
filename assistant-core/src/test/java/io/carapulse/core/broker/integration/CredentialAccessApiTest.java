package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/integrations/credentials}: only agents; the agent's own integration, else the one serving
 * the environment if the agent holds {@code credentials:<provider>} there (application-capabilities.yml:
 * {@code capped} grants credentials:github to the token {@code cap-agent}, credentials:gitlab to viewers;
 * prod grants nothing). Every grant and refusal is audited with the actor; the canary credential is only
 * in the grant's answer: not in refusals, the audit table or the log.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialAccessApiTest extends AgentCredentialFixture {

    static final String CANARY = "ghp_credCanary5Jk8Wq3Zr1Tn6Vb2Xm9";

    @Override
    String canary() {
        return CANARY;
    }

    @Test
    void shouldHandTheServingCredentialToAnAgentHoldingTheCapabilityAuditedWithoutTheToken() {
        String global = link("\"isGlobal\":true");

        TestHttp.Response r = get(agent.token(), "?provider=github&environment=capped");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.json().path("integrationId").asText()).isEqualTo(global);
        assertThat(r.json().path("provider").asText()).isEqualTo("github");
        assertThat(r.json().path("kind").asText()).isEqualTo("pat");
        assertThat(r.json().path("token").asText()).isEqualTo(CANARY);
        assertThat(r.json().path("username").asText()).isEqualTo("deploy-bot");
        assertThat(r.json().path("expiresAt").isNull()).isTrue();
        assertThat(audit("ALLOW", "token:" + agent.id())).singleElement().asString()
                .contains(global, "\"via\":\"environment\"", "\"environment\":\"capped\"", "\"channel\":\"credentials\"");
        assertNoCanaryOutsideTheGrant(r);
    }

    @Test
    void shouldRefuseAnAgentWithoutTheCapabilityAndGiveNothingByDefault() {
        link("\"isGlobal\":true");

        TestHttp.Response lacking = get(uncapable.token(), "?provider=github&environment=capped");
        TestHttp.Response prod = get(agent.token(), "?provider=github&environment=prod");

        for (TestHttp.Response r : List.of(lacking, prod)) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("forbidden");
            assertThat(r.json().path("detail").asText()).contains("needs the capability credentials:github");
        }
        assertThat(audit("DENY", "token:" + uncapable.id())).singleElement().asString().contains("github", "forbidden");
        assertThat(audit("DENY", "token:" + agent.id())).singleElement().asString().contains("prod");
        assertNoCanaryOutsideTheGrant();
    }

    @Test
    void shouldRefuseAPersonOrATokenThatIsNotAnAgentEvenNamedAsTheGrantee() {
        link("\"isGlobal\":true");
        TokenCreatedView namesake = tokens.create(Actor.SYSTEM, "cap-agent", List.of("admin"));

        TestHttp.Response r = get(namesake.token(), "?provider=github&environment=capped");
        TestHttp.Response admins = get(admin, "?provider=github&environment=capped");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("detail").asText()).contains("credential-only access is for agents");
        assertThat(admins.status()).isEqualTo(403);
        assertThat(audit("DENY", "token:" + namesake.id())).hasSize(1);
        assertNoCanaryOutsideTheGrant();
    }

    @Test
    void shouldAnswerUnknownEnvironmentsProvidersAndNothingLinkedInTheSeedsWords() {
        TestHttp.Response unknownEnv = get(agent.token(), "?provider=github&environment=xyz");
        TestHttp.Response nothing = get(agent.token(), "?provider=github&environment=capped");
        TestHttp.Response gitlab = get(agent.token(), "?provider=gitlab&environment=capped");
        TestHttp.Response unknownProvider = get(agent.token(), "?provider=bitbucket&environment=capped");
        TestHttp.Response noProvider = get(agent.token(), "?environment=capped");
        TestHttp.Response noEnvironment = get(agent.token(), "?provider=github");

        assertThat(unknownEnv.status()).isEqualTo(422);
        assertThat(unknownEnv.json().path("detail").asText()).isEqualTo("Environment 'xyz' not found");
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.json().path("detail").asText()).isEqualTo("No integration found for environment=capped");
        assertThat(gitlab.status()).as("viewers hold credentials:gitlab; nothing is linked").isEqualTo(404);
        assertThat(unknownProvider.status()).isEqualTo(422);
        assertThat(unknownProvider.json().path("detail").asText())
                .isEqualTo("provider: 'bitbucket' is not supported; supported: github, gitlab, jira, generic");
        assertThat(noProvider.status()).isEqualTo(422);
        assertThat(noEnvironment.status()).isEqualTo(404);
        assertThat(noEnvironment.json().path("detail").asText()).startsWith("No integration found for agent 'cap-agent'");
        assertThat(audit("DENY", "token:" + agent.id())).hasSize(6);
    }

    @Test
    void shouldHandTheAgentItsOwnIntegrationFirst() {
        link("\"isGlobal\":true");
        String own = link("\"agent\":\"" + uncapable.id() + "\"");

        TestHttp.Response withoutEnvironment = get(uncapable.token(), "?provider=github");
        TestHttp.Response withEnvironment = get(uncapable.token(), "?provider=github&environment=prod");

        for (TestHttp.Response r : List.of(withoutEnvironment, withEnvironment)) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("integrationId").asText()).isEqualTo(own);
        }
        assertThat(audit("ALLOW", "token:" + uncapable.id())).hasSize(2).allSatisfy(a -> assertThat(a).contains(own, "\"via\":\"agent\""));
        TestHttp.Response other = get(agent.token(), "?provider=github");
        assertThat(other.status()).as("another agent's own integration is not this one's").isEqualTo(404);
    }
}
