package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a key encryption key every integration call is 503 broker_not_configured, before the service is asked. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationBrokerOffTest {

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @AfterAll
    void stop() {
        stub.stop();
    }

    @Test
    void shouldAnswerBrokerNotConfiguredWithoutCallingTheService() {
        stub.start();
        stub.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"login\":\"x\",\"id\":1}")));
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();

        TestHttp.Response link = http.post("/v1/integrations", admin, "{\"provider\":\"github\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"ghp_x\"},\"isGlobal\":true,\"baseUrl\":\"" + stub.baseUrl() + "\"}");
        TestHttp.Response list = http.get("/v1/integrations", admin);
        TestHttp.Response unlink = http.delete("/v1/integrations/int_x", admin);

        assertThat(link.status()).isEqualTo(503);
        assertThat(link.code()).isEqualTo("broker_not_configured");
        assertThat(list.code()).isEqualTo("broker_not_configured");
        assertThat(unlink.code()).isEqualTo("broker_not_configured");
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldCheckTheRoleBeforeSayingTheBrokerIsOff() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();

        TestHttp.Response link = http.post("/v1/integrations", operator, "{\"provider\":\"github\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"ghp_x\"},\"isGlobal\":true}");
        TestHttp.Response unlink = http.delete("/v1/integrations/int_x", operator);

        assertThat(link.status()).isEqualTo(403);
        assertThat(unlink.status()).isEqualTo(403);
    }
}
