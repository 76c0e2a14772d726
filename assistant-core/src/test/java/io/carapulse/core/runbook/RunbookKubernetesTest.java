package io.carapulse.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.core.tools.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built-in Kubernetes runbooks end to end against a Kubernetes API (Fabric8's mock server in CRUD
 * mode, through the kubectl family's HTTP transport): scale-service and restart-workload wait for an
 * approval, change the deployment and verify its rollout; incident-diagnosis only reads, so it runs at
 * once.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookKubernetesTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private KubernetesApiMock kubernetes;
    private KubernetesClient client;
    private TestHttp http;
    private String operator;
    private String approver;

    @Override
    public Map<String, String> getProperties() {
        kubernetes = new KubernetesApiMock("runbook-k8s-token");
        client = kubernetes.client();
        return kubernetes.properties();
    }

    @AfterAll
    void stop() {
        kubernetes.close();
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "rbk-operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "rbk-approver", List.of("approver")).token();
    }

    @Test
    void shouldScaleAServiceWithTheBuiltInRunbook() {
        deploy(2, 5);

        JsonNode execution = approveAndRun("scale-service", "{\"namespace\":\"web\",\"name\":\"web\",\"replicas\":5}");

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(client.apps().deployments().inNamespace("web").withName("web").get().getSpec().getReplicas()).isEqualTo(5);
        assertThat(execution.get("steps").findValuesAsText("action")).containsExactly("scale", "rollout-status");
    }

    @Test
    void shouldRestartAWorkloadWithTheBuiltInRunbook() {
        deploy(2, 2);

        JsonNode execution = approveAndRun("restart-workload", "{\"namespace\":\"web\",\"name\":\"web\",\"timeoutSeconds\":30}");

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        Deployment after = client.apps().deployments().inNamespace("web").withName("web").get();
        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void shouldDiagnoseADeploymentAtOnceBecauseItOnlyReads() {
        deploy(2, 2);
        client.pods().inNamespace("web").resource(new PodBuilder().withNewMetadata().withName("web-1").withNamespace("web")
                .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("web")
                .withImage("nginx:1.27").endContainer().endSpec().build()).createOr(p -> p.update());

        TestHttp.Response ran = http.post("/v1/runbooks/incident-diagnosis/runs", operator,
                "{\"environment\":\"prod\",\"params\":{\"namespace\":\"web\",\"deployment\":\"web\"}}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        assertThat(ran.json().at("/plan/requiresApproval").asBoolean()).isFalse();
        JsonNode execution = http.awaitExecution(ran.json().get("executionId").asText(), operator);

        assertThat(execution.get("steps").findValuesAsText("action")).containsExactly("describe", "events", "logs");
        assertThat(execution.get("steps").findValuesAsText("status").subList(0, 2)).containsOnly("SUCCEEDED");
    }

    private JsonNode approveAndRun(String runbook, String params) {
        TestHttp.Response ran = http.post("/v1/runbooks/" + runbook + "/runs", operator,
                "{\"environment\":\"prod\",\"params\":" + params + "}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        JsonNode plan = ran.json().get("plan");
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.at("/origin/runbook").asText()).isEqualTo(runbook);
        String id = plan.get("id").asText();
        TestHttp.Response approved = http.post("/v1/plans/" + id + "/approval", approver, "{\"decision\":\"approve\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String executionId = http.post("/v1/plans/" + id + "/execute", operator, "").json().get("executionId").asText();
        return http.awaitExecution(executionId, operator);
    }

    /** A deployment whose status reports {@code ready} replicas ready (the mock runs no controller). */
    private void deploy(int replicas, int ready) {
        Deployment d = kubernetes.deploy(replicas);
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(ready)
                .withReadyReplicas(ready).withUpdatedReplicas(ready).withAvailableReplicas(ready)
                .withObservedGeneration(100L).build());
        client.apps().deployments().inNamespace("web").resource(d).updateStatus();
    }
}
