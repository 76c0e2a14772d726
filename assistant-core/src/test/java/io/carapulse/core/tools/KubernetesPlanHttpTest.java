package io.carapulse.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole plan through the API against a Kubernetes API (Fabric8's mock server in CRUD mode) over the
 * HTTP fallback: read the deployment, scale it (approved by someone else), verify the replica count,
 * with evidence for each step; then a verify that fails rolls the scale back.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesPlanHttpTest implements TestPropertyProvider {

    private static final String API_TOKEN = "canary-k8s-api-token-3f9a";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private KubernetesApiMock kubernetes;
    private KubernetesClient client;

    @Override
    public Map<String, String> getProperties() {
        kubernetes = new KubernetesApiMock(API_TOKEN);
        client = kubernetes.client();
        return kubernetes.properties();
    }

    @AfterAll
    void stop() {
        kubernetes.close();
    }

    @Test
    void shouldReadScaleAndVerifyADeploymentOverTheKubernetesApi() {
        deploy(2);
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "k8s-operator", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "k8s-approver", List.of("approver")).token();

        JsonNode execution = run(http, operator, approver, 3, 3);

        assertThat(execution.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(client.apps().deployments().inNamespace("web").withName("web").get().getSpec().getReplicas())
                .isEqualTo(3);
        JsonNode evidence = http.get("/v1/executions/" + execution.get("id").asText() + "/evidence", operator).json();
        assertThat(evidence).hasSize(3);
        assertThat(evidence.findValuesAsText("transport")).containsOnly("http");
        assertThat(evidence.get(1).get("action").asText()).isEqualTo("scale");
        assertThat(evidence.get(1).get("externalIds").toString()).contains("resourceVersion");
        assertThat(evidence.toString()).doesNotContain(API_TOKEN);
    }

    @Test
    void shouldRollTheScaleBackWhenTheVerifyFails() {
        deploy(2);
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "k8s-operator-2", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "k8s-approver-2", List.of("approver")).token();

        JsonNode execution = run(http, operator, approver, 3, 99);

        assertThat(execution.get("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(client.apps().deployments().inNamespace("web").withName("web").get().getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(execution.get("steps").findValuesAsText("kind")).containsExactly("act", "act", "verify", "rollback");
    }

    private JsonNode run(TestHttp http, String operator, String approver, int replicas, int expected) {
        String plan = """
                {"environment": "prod", "summary": "scale web",
                 "steps": [
                   {"tool": "kubectl", "action": "get", "args": {"namespace": "web", "kind": "deployment", "name": "web"}},
                   {"tool": "kubectl", "action": "scale", "args": {"namespace": "web", "kind": "deployment", "name": "web", "replicas": %d}},
                   {"tool": "kubectl", "action": "get", "stage": "verify",
                    "args": {"namespace": "web", "kind": "deployment", "name": "web"},
                    "assert": {"pointer": "/spec/replicas", "op": "eq", "value": %d}}]}
                """.formatted(replicas, expected);
        TestHttp.Response created = http.post("/v1/plans", operator, plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().at("/steps/1/class").asText()).isEqualTo("WRITE");
        assertThat(http.post("/v1/plans/" + id + "/approval", approver, "{\"decision\":\"approve\"}").status())
                .isEqualTo(200);
        String executionId = http.post("/v1/plans/" + id + "/execute", operator, "").json().get("executionId").asText();
        return http.awaitExecution(executionId, operator);
    }

    private void deploy(int replicas) {
        kubernetes.deploy(replicas);
    }
}
