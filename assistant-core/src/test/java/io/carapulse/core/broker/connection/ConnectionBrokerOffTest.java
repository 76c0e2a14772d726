package io.carapulse.core.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a key encryption key, connections are refused with 503 broker_not_configured, after the checks before it. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionBrokerOffTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("carapulse.broker.oauth.github.client-id", "Iv1.off",
                "carapulse.broker.oauth.github.client-secret", "env:GITHUB_OAUTH_SECRET_UNSET");
    }

    @Test
    void shouldAnswerBrokerNotConfiguredAfterTheRequestIsChecked() {
        TestHttp http = new TestHttp(server.getURL());
        String dave = tokens.create(Actor.SYSTEM, "dave", List.of("operator")).token();

        TestHttp.Response start = http.send("POST", "/v1/connections/github", dave, null, null);
        TestHttp.Response jira = http.send("POST", "/v1/connections/jira", dave, null, null);
        TestHttp.Response list = http.get("/v1/connections", dave);
        TestHttp.Response callback = http.get("/v1/connections/callback?code=x&state=y", null);

        assertThat(start.status()).isEqualTo(503);
        assertThat(start.code()).isEqualTo("broker_not_configured");
        assertThat(jira.status()).isEqualTo(422);
        assertThat(list.code()).isEqualTo("broker_not_configured");
        assertThat(callback.status()).isEqualTo(503);
    }
}
