package io.carapulse.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.llm.provider.EnvironmentVariables;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With no model configured, chat says what to set and everything else keeps working. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.test.empty-env", value = "true")
class ChatWithoutModelTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Test
    void chatIsRefusedClearlyAndPlansStillWork() {
        TestHttp http = new TestHttp(server.getURL());
        String alice = tokens.create(Actor.SYSTEM, "nomodel-alice", List.of("operator")).token();

        TestHttp.Response status = http.get("/v1/llm", alice);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("configured").asBoolean()).isFalse();
        assertThat(status.json().get("detail").asText()).contains("OPENAI_API_KEY").contains("assistantctl llm auth login");

        String session = http.post("/v1/sessions", alice, "{\"environment\":\"dev\"}").json().get("id").asText();
        TestHttp.Response turn = http.post("/v1/sessions/" + session + "/messages", alice, "{\"text\":\"hi\"}");
        assertThat(turn.status()).isEqualTo(503);
        assertThat(turn.code()).isEqualTo("llm_not_configured");
        assertThat(turn.json().get("detail").asText()).contains("OPENAI_API_KEY");
        assertThat(http.get("/v1/sessions/" + session, alice).json().get("messages")).isEmpty();

        String plan = "{\"environment\":\"dev\",\"summary\":\"read\",\"steps\":[{\"tool\":\"fake\",\"action\":\"get\","
                + "\"args\":{\"name\":\"web\"}}]}";
        assertThat(http.post("/v1/plans", alice, plan).status()).isEqualTo(201);
    }

    /** No OPENAI_API_KEY, no OPENAI_ACCESS_TOKEN, whatever the machine running the tests has. */
    @Singleton
    @Requires(property = "carapulse.test.empty-env", value = "true")
    static class EmptyEnvironment implements EnvironmentVariables {
        @Override
        public String get(String name) {
            return null;
        }
    }
}
