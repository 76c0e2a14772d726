package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.llm.provider.LlmProviderFactory;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 (14): a language-model setting that cannot work and got past the start-up check (tests
 * start the server without it) is never a 500 per request: the status and chat say what is wrong with
 * which setting, and the log says it once.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.llm.api-key", value = LlmMisconfiguredTest.PASTED)
@Property(name = "carapulse.test.empty-env", value = "true")
class LlmMisconfiguredTest {

    static final String PASTED = "sk-proj-canary0003 sk-proj-canary0003";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Test
    void shouldSayWhichSettingIsWrongInsteadOfFailingEveryRequest() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(LlmProviderFactory.class);
        logs.start();
        logger.addAppender(logs);
        try {
            TestHttp http = new TestHttp(server.getURL());
            String alice = tokens.create(Actor.SYSTEM, "misconfigured-llm", List.of("operator")).token();

            for (int i = 0; i < 2; i++) {
                TestHttp.Response status = http.get("/v1/llm", alice);
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.json().path("configured").asBoolean()).isFalse();
                assertThat(status.json().path("detail").asText()).contains("carapulse.llm.api-key");
                assertThat(status.body()).doesNotContain("canary");
            }
            String session = http.post("/v1/sessions", alice, "{\"environment\":\"dev\"}").json().path("id").asText();
            TestHttp.Response turn = http.post("/v1/sessions/" + session + "/messages", alice, "{\"text\":\"hi\"}");
            assertThat(turn.status()).isEqualTo(503);
            assertThat(turn.code()).isEqualTo("llm_not_configured");
            assertThat(turn.json().path("detail").asText()).contains("carapulse.llm.api-key");
            assertThat(turn.body()).doesNotContain("canary");

            assertThat(logs.list).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains("carapulse.llm.api-key").doesNotContain("canary");
                assertThat(line.getThrowableProxy()).isNull();
            });
        } finally {
            logger.detachAppender(logs);
        }
    }
}
