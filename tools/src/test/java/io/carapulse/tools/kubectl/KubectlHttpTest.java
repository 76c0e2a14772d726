package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP fallback (no kubectl on the PATH) against Fabric8's Kubernetes mock server in CRUD mode. */
@EnableKubernetesMockClient(https = false, crud = true)
class KubectlHttpTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path emptyPath;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(30));
    private KubectlFixture fixture;

    @BeforeEach
    void seed() {
        String url = client.getConfiguration().getMasterUrl().replace("localhost", "127.0.0.1");
        fixture = KubectlFixture.http(url, emptyPath);
        client.apps().deployments().inNamespace("web").withName("web").delete();
        client.apps().deployments().inNamespace("web").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("web").withGeneration(1L).addToLabels("app", "web")
                .endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(3).withUpdatedReplicas(3).withReadyReplicas(3)
                .withAvailableReplicas(3).endStatus()
                .build()).create();
    }

    private ToolResult run(String action, String args) {
        return fixture.action(action).execute(KubectlFixture.call(action, KubectlFixture.json(args)), ctx);
    }

    @Test
    void getShouldReadTheObjectOverTheApi() {
        ToolResult result = run("get", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(result.transport()).isEqualTo(Transport.HTTP);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.command()).containsExactly("GET", fixtureUrl() + "/apis/apps/v1/namespaces/web/deployments/web");
        assertThat(result.data().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(result.externalIds()).containsEntry("name", "web").containsKey("uid");
    }

    @Test
    void getOfAMissingObjectShouldBeNotFound() {
        assertThatThrownBy(() -> run("get", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"nope\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    @Test
    void scaleShouldChangeReplicasAndResourceVersionAndItsInverseShouldBeTheOldCount() {
        ToolCall call = KubectlFixture.call("scale", KubectlFixture.json(
                "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"replicas\": 5}"));

        ToolCall inverse = fixture.action("scale").captureInverse(call, ctx).orElseThrow();
        ToolResult result = fixture.action("scale").execute(call, ctx);

        assertThat(inverse.args().get("replicas").asInt()).isEqualTo(3);
        assertThat(client.apps().deployments().inNamespace("web").withName("web").get().getSpec().getReplicas())
                .isEqualTo(5);
        assertThat(result.externalIds().get("resourceVersion.after"))
                .isNotEqualTo(result.externalIds().get("resourceVersion.before"));
        assertThat(result.data().at("/before/replicas").asInt()).isEqualTo(3);
        assertThat(result.data().at("/after/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void aStaleScaleUpdateShouldFailWithConflict() {
        server.expect().put().withPath("/apis/apps/v1/namespaces/web/deployments/web/scale")
                .andReturn(409, new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
                        .withMessage("Operation cannot be fulfilled on deployments.apps \"web\": the object has been "
                                + "modified; please apply your changes to the latest version and try again").build())
                .once();

        assertThatThrownBy(() -> run("scale", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", "
                + "\"replicas\": 5}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.partial().orElseThrow().httpStatus()).isEqualTo(409);
                    assertThat(e.partial().orElseThrow().command()).first().isEqualTo("PUT");
                });
    }

    @Test
    void rolloutRestartShouldSetTheRestartedAtAnnotationOnThePodTemplate() {
        ToolResult result = run("rollout-restart", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        Deployment after = client.apps().deployments().inNamespace("web").withName("web").get();
        String restartedAt = after.getSpec().getTemplate().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt");
        assertThat(restartedAt).isNotNull().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(result.data().get("restartedAt").asText()).isEqualTo(restartedAt);
        assertThat(result.externalIds()).containsKeys("resourceVersion.before", "resourceVersion.after");
    }

    @Test
    void patchShouldSendAStrategicMergePatchAndRecordVersions() {
        // the CRUD mock answers 415 to strategic merge patches, so this one PATCH is answered by an expectation
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deployment patched = client.apps().deployments().inNamespace("web").withName("web").get();
        patched.getMetadata().setResourceVersion("999");
        patched.getMetadata().getLabels().put("tier", "frontend");
        server.expect().patch().withPath("/apis/apps/v1/namespaces/web/deployments/web").andReply(200, request -> {
            seen.add(request.getHeader("Content-Type") + " " + request.getBody().readUtf8());
            return patched;
        }).once();

        ToolResult result = run("patch", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", "
                + "\"patch\": {\"metadata\": {\"labels\": {\"tier\": \"frontend\"}}}}");

        assertThat(seen).singleElement().asString().startsWith("application/strategic-merge-patch+json")
                .endsWith("{\"metadata\":{\"labels\":{\"tier\":\"frontend\"}}}");
        assertThat(result.command()).first().isEqualTo("PATCH");
        assertThat(result.externalIds()).containsEntry("resourceVersion.after", "999")
                .doesNotContainEntry("resourceVersion.before", "999");
    }

    @Test
    void rolloutStatusShouldComputeReadinessFromStatus() {
        ToolResult result = run("rollout-status", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(result.data().get("ready").asBoolean()).isTrue();
        assertThat(result.data().get("availableReplicas").asInt()).isEqualTo(3);
    }

    @Test
    void rolloutStatusOfAnUnfinishedRolloutShouldFailWithItsCountsWhenTheTimeIsUp() {
        Deployment d = client.apps().deployments().inNamespace("web").withName("web").get();
        d.getStatus().setUpdatedReplicas(1);
        client.apps().deployments().inNamespace("web").resource(d).updateStatus();

        assertThatThrownBy(() -> run("rollout-status", "{\"namespace\": \"web\", \"kind\": \"deployment\", "
                + "\"name\": \"web\", \"timeoutSeconds\": 1}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("timed_out");
                    assertThat(e.partial().orElseThrow().data().get("ready").asBoolean()).isFalse();
                    assertThat(e.partial().orElseThrow().data().get("updatedReplicas").asInt()).isEqualTo(1);
                });
    }

    @Test
    void eventsShouldBeFilteredByTheInvolvedObject() {
        client.v1().events().inNamespace("web").resource(new EventBuilder().withNewMetadata().withName("web.1")
                .withNamespace("web").endMetadata().withType("Normal").withReason("ScalingReplicaSet")
                .withMessage("Scaled up replica set web-7d4b9 to 3").withLastTimestamp("2026-11-24T10:00:00Z")
                .withNewInvolvedObject().withKind("Deployment").withName("web").withNamespace("web").endInvolvedObject()
                .build()).createOr(r -> r.update());
        client.v1().events().inNamespace("web").resource(new EventBuilder().withNewMetadata().withName("db.1")
                .withNamespace("web").endMetadata().withType("Warning").withReason("BackOff").withMessage("x")
                .withNewInvolvedObject().withKind("Pod").withName("db-0").withNamespace("web").endInvolvedObject()
                .build()).createOr(r -> r.update());

        ToolResult result = run("events", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(result.data().get("count").asInt()).isEqualTo(1);
        assertThat(result.data().at("/items/0/reason").asText()).isEqualTo("ScalingReplicaSet");
    }

    @Test
    void describeOverHttpShouldBeACarapulseRenderingWithTheObjectsEvents() {
        client.v1().events().inNamespace("web").resource(new EventBuilder().withNewMetadata().withName("web.2")
                .withNamespace("web").endMetadata().withType("Normal").withReason("ScalingReplicaSet")
                .withMessage("Scaled up replica set web-7d4b9 to 3")
                .withNewInvolvedObject().withKind("Deployment").withName("web").withNamespace("web").endInvolvedObject()
                .build()).createOr(r -> r.update());

        ToolResult result = run("describe", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(result.output()).startsWith("# Carapulse rendering").contains("Name: web", "Kind: Deployment",
                "Replicas: 3 desired | 3 updated | 3 ready | 3 available", "Normal ScalingReplicaSet Scaled up");
        assertThat(result.data().get("renderer").asText()).isEqualTo("carapulse");
    }

    @Test
    void logsOfADeploymentShouldReadOneOfItsPodsBounded() {
        client.pods().inNamespace("web").resource(new PodBuilder().withNewMetadata().withName("web-7d4b9-abcde")
                .withNamespace("web").withLabels(Map.of("app", "web")).endMetadata().build()).createOr(r -> r.update());
        server.expect().get().withPath("/api/v1/namespaces/web/pods/web-7d4b9-abcde/log?pretty=false&sinceSeconds=3600"
                + "&tailLines=200").andReturn(200, "GET / 200\nAuthorization: Bearer " + KubectlFixture.TOKEN + "\n").once();

        ToolResult result = run("logs", "{\"namespace\": \"web\", \"deployment\": \"web\"}");

        assertThat(result.data().get("pod").asText()).isEqualTo("web-7d4b9-abcde");
        assertThat(result.output()).contains("GET / 200").doesNotContain(KubectlFixture.TOKEN);
    }

    @Test
    void rolloutUndoWithoutKubectlShouldSayWhichBinaryToInstall() {
        assertThatThrownBy(() -> run("rollout-undo", "{\"namespace\": \"web\", \"name\": \"web\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("transport_unavailable");
                    assertThat(e.getMessage()).contains("install kubectl");
                });
    }

    @Test
    void theRealKubectlShouldReachTheApiThroughTheLeasedKubeconfig() {
        Path kubectl = Path.of("/usr/bin/kubectl");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(kubectl), "kubectl is installed");
        client.pods().inNamespace("web").resource(new PodBuilder().withNewMetadata().withName("web-real")
                .withNamespace("web").endMetadata().build()).createOr(r -> r.update());
        ToolCall call = KubectlFixture.call("get", KubectlFixture.json("{\"namespace\": \"web\", \"kind\": \"pod\"}"));

        var outcome = fixture.runtime.kubectl(kubectl, call, "web",
                java.util.List.of("get", "--raw", "/api/v1/namespaces/web/pods"), ctx);

        assertThat(outcome.stdout()).contains("web-real");
        assertThat(outcome.argv()).containsSequence("--context", "prod-ctx", "-n", "web", "get", "--raw");
        assertThat(String.join(" ", outcome.argv())).doesNotContain(KubectlFixture.KUBECONFIG_TOKEN);
    }

    private String fixtureUrl() {
        return client.getConfiguration().getMasterUrl().replace("localhost", "127.0.0.1").replaceAll("/+$", "");
    }
}
