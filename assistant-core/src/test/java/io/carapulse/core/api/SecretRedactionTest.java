package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S4 with canary secrets: what a tool prints (a kubeconfig, a secret's YAML, an AWS key, a failing
 * command's message) is redacted in every place it could leave: live events, evidence, the
 * execution's error detail. The secrets come from the tool itself ({@link LeakyTool}): a plan's
 * arguments cannot carry them ({@code SecretArgumentsApiTest}).
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.test.leaky-tool", value = "true")
class SecretRedactionTest {

    private static final String AWS_KEY = LeakyTool.AWS_KEY;
    private static final String PASSWORD = LeakyTool.PASSWORD;
    private static final String KUBE_TOKEN = LeakyTool.KUBE_TOKEN;
    private static final String PRIVATE_KEY_BODY = LeakyTool.PRIVATE_KEY_BODY;

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Test
    void shouldRedactToolOutputInEventsEvidenceAndErrors() {
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "redaction-admin", List.of("admin")).token();

        String read = run(http, admin, "print", false);
        String failed = run(http, admin, "fail", true);

        for (String executionId : List.of(read, failed)) {
            String everything = http.get("/v1/executions/" + executionId, admin).body()
                    + http.get("/v1/executions/" + executionId + "/evidence", admin).body()
                    + http.get("/v1/executions/" + executionId + "/events", admin).body();
            assertThat(everything).doesNotContain(AWS_KEY, PASSWORD, KUBE_TOKEN, PRIVATE_KEY_BODY)
                    .contains("[REDACTED]");
        }
        assertThat(http.get("/v1/executions/" + read + "/evidence", admin).body()).contains("replicas: 3");
    }

    private String run(TestHttp http, String admin, String action, boolean writes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("environment", "dev");
        body.put("summary", "canary");
        ObjectNode step = body.putArray("steps").addObject();
        step.put("tool", "leaky");
        step.put("action", action);
        step.putObject("args");
        String planId = http.post("/v1/plans", admin, body.toString()).json().get("id").asText();
        if (writes) {
            http.post("/v1/plans/" + planId + "/approval", admin, "{\"decision\":\"approve\"}");
        }
        String executionId = http.post("/v1/plans/" + planId + "/execute", admin, "").json().get("executionId").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String status = http.get("/v1/executions/" + executionId, admin).json().get("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return executionId;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("execution did not finish");
    }
}
