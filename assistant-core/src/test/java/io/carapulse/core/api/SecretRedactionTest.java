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
 * execution's error detail.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class SecretRedactionTest {

    private static final String AWS_KEY = "AKIAQX3CANARY7EXAMPL";
    private static final String PASSWORD = "canary-Pa55w0rd-4f9d";
    private static final String KUBE_TOKEN = "canary-kube-token-8c1e2a";
    private static final String PRIVATE_KEY_BODY = "MIIEcanaryPRIVATEKEYbody0123456789";
    private static final String OUTPUT = String.join("\n",
            "apiVersion: v1",
            "users:",
            "- name: admin",
            "  user:",
            "    token: " + KUBE_TOKEN,
            "aws_access_key_id = " + AWS_KEY,
            "db password=" + PASSWORD,
            "-----BEGIN PRIVATE KEY-----",
            PRIVATE_KEY_BODY,
            "-----END PRIVATE KEY-----",
            "replicas: 3");

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Test
    void shouldRedactToolOutputInEventsEvidenceAndErrors() {
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "redaction-admin", List.of("admin")).token();

        String read = run(http, admin, "echo", "text", false);
        String failed = run(http, admin, "fail", "message", true);

        for (String executionId : List.of(read, failed)) {
            String everything = http.get("/v1/executions/" + executionId, admin).body()
                    + http.get("/v1/executions/" + executionId + "/evidence", admin).body()
                    + http.get("/v1/executions/" + executionId + "/events", admin).body();
            assertThat(everything).doesNotContain(AWS_KEY, PASSWORD, KUBE_TOKEN, PRIVATE_KEY_BODY)
                    .contains("[REDACTED]");
        }
        assertThat(http.get("/v1/executions/" + read + "/evidence", admin).body()).contains("replicas: 3");
    }

    private String run(TestHttp http, String admin, String action, String field, boolean writes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("environment", "dev");
        body.put("summary", "canary");
        ObjectNode step = body.putArray("steps").addObject();
        step.put("tool", "fake");
        step.put("action", action);
        step.putObject("args").put(field, OUTPUT);
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
