package io.carapulse.core.tools;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kubernetes API for tests (Fabric8's mock server in CRUD mode: real HTTP, resourceVersions, 409
 * on stale updates, the scale subresource), the settings that point environment {@code prod}'s
 * namespace {@code web} at it over the kubectl family's HTTP transport, and a deployment to act on.
 */
public final class KubernetesApiMock implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Map<String, String> properties;

    /** Starts the mock; the API token {@code token} is what the server must present. */
    public KubernetesApiMock(String token) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        try {
            Path file = Files.writeString(Files.createTempDirectory("carapulse-k8s").resolve("token"), token);
            properties = Map.of(
                    "carapulse.environments.prod.kubernetes.api-server",
                    client.getConfiguration().getMasterUrl().replace("localhost", "127.0.0.1"),
                    "carapulse.environments.prod.kubernetes.token", "file:" + file,
                    "carapulse.environments.prod.kubernetes.namespaces", "web",
                    "carapulse.tools.kubectl.transport", "http");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server settings that point {@code prod} at this API. */
    public Map<String, String> properties() {
        return properties;
    }

    public KubernetesClient client() {
        return client;
    }

    /** (Re)creates deployment {@code web/web} with {@code replicas} replicas of nginx. */
    public Deployment deploy(int replicas) {
        client.apps().deployments().inNamespace("web").withName("web").delete();
        return client.apps().deployments().inNamespace("web").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("web").addToLabels("app", "web").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
