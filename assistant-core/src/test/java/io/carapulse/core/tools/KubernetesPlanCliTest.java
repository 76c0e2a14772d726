package io.carapulse.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.cli.FakeBinary;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same kind of plan through the CLI transport: a recording fake {@code kubectl} shows the exact
 * commands the server ran — context and namespace injected from the inventory, the kubeconfig only in
 * a leased file — and the evidence records the CLI transport.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesPlanCliTest implements TestPropertyProvider {

    private static final String KUBE_TOKEN = "canary-kubeconfig-token-77ab";
    private static final String DEPLOYMENT = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":"
            + "{\"name\":\"web\",\"namespace\":\"web\",\"uid\":\"5b7c\",\"resourceVersion\":\"41\",\"generation\":2},"
            + "\"spec\":{\"replicas\":3},\"status\":{\"replicas\":3,\"readyReplicas\":3,\"updatedReplicas\":3,"
            + "\"availableReplicas\":3,\"observedGeneration\":2}}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private FakeBinary kubectl;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("carapulse-kubectl");
            kubectl = FakeBinary.builder(dir, "kubectl").stdout(DEPLOYMENT).build();
            Path kubeconfig = Files.writeString(dir.resolve("prod.kubeconfig"),
                    "apiVersion: v1\nkind: Config\nusers:\n- name: ops\n  user:\n    token: " + KUBE_TOKEN + "\n");
            return Map.of(
                    "carapulse.environments.prod.kubernetes.kubeconfig", "file:" + kubeconfig,
                    "carapulse.tools.kubectl.binary", kubectl.path().toString(),
                    "carapulse.tools.kubectl.transport", "cli");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRunTheStepsThroughKubectlWithInjectedTargetsAndALeasedKubeconfig() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "cli-operator", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "cli-approver", List.of("approver")).token();
        String plan = """
                {"environment": "prod", "summary": "scale web to 3",
                 "steps": [
                   {"tool": "kubectl", "action": "scale", "args": {"namespace": "web", "kind": "deployment", "name": "web", "replicas": 3}},
                   {"tool": "kubectl", "action": "get", "stage": "verify",
                    "args": {"namespace": "web", "kind": "deployment", "name": "web"},
                    "assert": {"pointer": "/spec/replicas", "op": "eq", "value": 3}}]}
                """;
        String id = http.post("/v1/plans", operator, plan).json().get("id").asText();
        http.post("/v1/plans/" + id + "/approval", approver, "{\"decision\":\"approve\"}");
        String executionId = http.post("/v1/plans/" + id + "/execute", operator, "").json().get("executionId").asText();

        JsonNode execution = http.awaitExecution(executionId, operator);

        assertThat(execution.get("status").asText()).isEqualTo("SUCCEEDED");
        List<FakeBinary.Invocation> calls = kubectl.recorded();
        assertThat(calls).extracting(FakeBinary.Invocation::args)
                .allSatisfy(args -> assertThat(args).startsWith("--context", "prod-test", "-n", "web"))
                .anySatisfy(args -> assertThat(args).contains("scale").contains("--replicas=3"));
        assertThat(calls).allSatisfy(call -> {
            assertThat(String.join(" ", call.argv())).doesNotContain(KUBE_TOKEN).doesNotContain("kubeconfig");
            assertThat(call.env()).containsKey("KUBECONFIG");
            assertThat(Path.of(call.env().get("KUBECONFIG"))).as("the leased kubeconfig is removed").doesNotExist();
        });
        JsonNode evidence = http.get("/v1/executions/" + executionId + "/evidence", operator).json();
        assertThat(evidence.findValuesAsText("transport")).containsOnly("cli");
        assertThat(evidence.get(0).get("command").get(0).asText()).endsWith("kubectl");
        assertThat(evidence.toString()).doesNotContain(KUBE_TOKEN);
    }

}
