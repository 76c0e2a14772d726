package io.carapulse.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.lease.CredentialLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClustersTest {

    private static final String KUBECONFIG = "apiVersion: v1\nusers:\n- name: u\n  user:\n    token: canary-kube\n";

    @TempDir
    Path dir;

    private KubeClusters clusters() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("prod.kubeconfig"), KUBECONFIG);
        EnvironmentProperties prod = new EnvironmentProperties("prod", null, List.of("operator"), List.of("approver"),
                List.of("operator"), false, false, List.of("admin"), Duration.ofHours(1), List.of("local"));
        EnvironmentProperties dev = new EnvironmentProperties("dev", null, List.of("operator"), List.of("approver"),
                List.of("operator"), true, false, List.of("admin"), Duration.ofHours(1), List.of("local"));
        KubernetesSection section = new KubernetesSection(List.of(new KubernetesProperties("prod",
                new KubernetesProperties.Cluster("prod-eu", "file:" + kubeconfig, "https://k8s.example.com:6443",
                        "env:PROD_TOKEN", List.of("web"))), new KubernetesProperties("dev", null)));
        return new KubeClusters(new EnvironmentCatalog(List.of(prod, dev), List.of(section)),
                Map.of("PROD_TOKEN", "canary-api")::get);
    }

    @Test
    void shouldAllowOnlyTheDeclaredNamespaces() throws Exception {
        KubeClusters k = clusters();
        assertThat(k.namespaceProblems("prod", "web")).isEmpty();
        assertThat(k.namespaceProblems("prod", "kube-system")).singleElement().asString()
                .contains("kube-system").contains("prod");
        assertThat(k.namespaceProblems("dev", "web")).singleElement().asString().contains("no Kubernetes cluster");
        assertThatThrownBy(() -> k.cluster("dev")).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
    }

    @Test
    void shouldInjectTheContext() throws Exception {
        assertThat(clusters().contextFlags("prod")).containsExactly("--context", "prod-eu");
    }

    @Test
    void shouldLeaseTheKubeconfigAsAPrivateFileThatIsGoneAfterwards() throws Exception {
        Path file;
        try (CredentialLease lease = clusters().cliLease("prod")) {
            file = Path.of(lease.env().get("KUBECONFIG"));
            assertThat(Files.readString(file)).isEqualTo(KUBECONFIG.substring(0, KUBECONFIG.length() - 1));
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(lease.secretValues()).as("the token inside the file, for a CLI printing it alone")
                    .contains("canary-kube");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRedactTheApiTokenOfTheHttpFallback() throws Exception {
        KubeClusters k = clusters();
        assertThat(k.hasHttpPath("prod")).isTrue();
        assertThat(k.httpRedactor("prod").redact("sent canary-api")).doesNotContain("canary-api");
    }
}
