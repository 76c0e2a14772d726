package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.transport.TransportMode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
/** The HTTP read path against Fabric8's Kubernetes mock in CRUD mode, holding real-format release secrets. */
class HelmHttpReadsTest {

    private KubernetesMockServer server;
    private ToolAdapter adapter;
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        adapter = HelmWorld.adapter(null, server.url("/"), TransportMode.AUTO);
        try (KubernetesClient client = server.createClient()) {
            for (int v = 1; v <= 3; v++) {
                client.secrets().inNamespace("shop").resource(HelmReleases.secret(HelmReleases.release("web", "shop", v,
                        v == 3 ? "deployed" : "superseded", "1.2." + v))).create();
            }
            client.secrets().inNamespace("shop").resource(HelmReleases.secret(
                    HelmReleases.release("api", "shop", 1, "failed", "0.9.0"))).create();
            client.secrets().inNamespace("shop").resource(HelmReleases.secret(
                    HelmReleases.release("old", "shop", 2, "uninstalled", "0.1.0"))).create();
            client.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName("db")
                    .addToLabels("owner", "helm").endMetadata().withType("Opaque")
                    .addToData("password", "c2VjcmV0").build()).create();
        }
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    private ToolResult run(String action, String args) {
        return adapter.action(action).orElseThrow().execute(HelmCliReadsTest.call(action, args), ctx);
    }

    @Test
    void shouldShowTheNewestRevisionFromTheReleaseSecrets() {
        ToolResult result = run("status", "{\"namespace\": \"shop\", \"release\": \"web\"}");

        assertThat(result.transport()).isEqualTo(Transport.HTTP);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.command().get(0)).isEqualTo("GET");
        assertThat(result.data().toString()).isEqualTo("{\"release\":\"web\",\"namespace\":\"shop\",\"revision\":3,"
                + "\"status\":\"deployed\",\"chart\":\"web\",\"chartVersion\":\"1.2.3\",\"appVersion\":\"2.0.3\"}");
        assertThat(result.externalIds()).containsEntry("revision", "3").containsEntry("chart", "web-1.2.3");
        assertThat(result.output()).doesNotContain(HelmReleases.DB_PASSWORD, HelmWorld.API_TOKEN);
    }

    @Test
    void shouldListDeployedAndFailedReleasesLikeHelmListDoes() {
        ToolResult result = run("list", "{\"namespace\": \"shop\"}");

        assertThat(result.data().at("/releases").findValuesAsText("release")).containsExactly("api", "web");
        assertThat(result.data().at("/releases/1/revision").asInt()).isEqualTo(3);
        assertThat(result.data().at("/releases/0/status").asText()).isEqualTo("failed");
    }

    @Test
    void shouldListEveryRevisionOldestFirst() {
        ToolResult result = run("history", "{\"namespace\": \"shop\", \"release\": \"web\"}");

        assertThat(result.data().at("/revisions").findValuesAsText("status"))
                .containsExactly("superseded", "superseded", "deployed");
        assertThat(result.data().at("/revisions/0/chartVersion").asText()).isEqualTo("1.2.1");
        assertThat(result.externalIds()).containsEntry("revision", "3");
    }

    @Test
    void shouldReturnTheUserSuppliedValuesOfARevisionWithSecretsMasked() {
        ToolResult result = run("get-values", "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 2}");

        assertThat(result.data().at("/values").toString()).isEqualTo(
                "{\"image\":{\"tag\":\"1.26\"},\"db\":{\"password\":\"[REDACTED]\",\"host\":\"db.shop\"}}");
        assertThat(result.externalIds()).containsEntry("revision", "2");
        assertThat(result.output()).doesNotContain(HelmReleases.DB_PASSWORD);
    }

    @Test
    void shouldMergeTheChartDefaultsUnderTheValuesWhenAllIsAsked() {
        ToolResult result = run("get-values", "{\"namespace\": \"shop\", \"release\": \"web\", \"all\": true}");

        assertThat(result.data().at("/values/image").toString()).isEqualTo("{\"repository\":\"nginx\",\"tag\":\"1.26\"}");
        assertThat(result.data().at("/values/replicaCount").asInt()).isEqualTo(1);
        assertThat(result.data().at("/all").asBoolean()).isTrue();
    }

    @Test
    void shouldReportAReleaseWithoutSecretsAsNotFound() {
        assertThatThrownBy(() -> run("status", "{\"namespace\": \"shop\", \"release\": \"nope\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.partial()).hasValueSatisfying(p -> assertThat(p.httpStatus()).isEqualTo(404));
                });
    }

    @Test
    void shouldReportAMissingRevisionAsNotFound() {
        assertThatThrownBy(() -> run("get-values", "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 9}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    @Test
    void shouldRefuseWritesWhenOnlyTheHttpPathExistsNamingTheBinary() {
        assertThatThrownBy(() -> run("rollback", "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 2}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("transport_unavailable");
                    assertThat(e.getMessage()).contains("install helm");
                });
    }

    @Test
    void shouldMapAForbiddenSecretListToForbidden() {
        KubernetesMockServer strict = new KubernetesMockServer(false);
        strict.init();
        try {
            for (String selector : new String[] {"owner%3Dhelm%2Cname%3Dweb", "name%3Dweb%2Cowner%3Dhelm"}) {
                strict.expect().get().withPath("/api/v1/namespaces/shop/secrets?labelSelector=" + selector)
                        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                                .withMessage("secrets is forbidden: User \"carapulse\" cannot list resource \"secrets\"")
                                .build()).always();
            }
            strict.expect().get().withPath("/api/v1/namespaces/shop/secrets?labelSelector=owner%3Dhelm")
                    .andReturn(503, "unavailable").always();
            ToolAdapter a = HelmWorld.adapter(null, strict.url("/"), TransportMode.HTTP);

            assertThatThrownBy(() -> a.action("status").orElseThrow().execute(
                    HelmCliReadsTest.call("status", "{\"namespace\": \"shop\", \"release\": \"web\"}"), ctx))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.code()).isEqualTo("forbidden");
                        assertThat(e.getMessage()).contains("HTTP 403").doesNotContain(HelmWorld.API_TOKEN);
                    });
            assertThatThrownBy(() -> a.action("list").orElseThrow().execute(
                    HelmCliReadsTest.call("list", "{\"namespace\": \"shop\"}"), ctx))
                    .isInstanceOfSatisfying(RetriableToolException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));
        } finally {
            strict.destroy();
        }
    }

}
