package io.carapulse.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.config.Environment;
import io.carapulse.config.Inventory;
import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import io.carapulse.core.tool.ToolRegistry;
import io.carapulse.tools.helm.HelmInventory;
import io.carapulse.tools.kubernetes.KubernetesCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model reads each inventory part as its family describes it, and nothing of its credentials. */
class ChatPromptTest {

    private static final Environment.Policy POLICY = new Environment.Policy(Set.of(), Set.of(), Set.of(), false,
            false, Set.of(), Duration.ofHours(1), List.of("local"));

    private static String inventoryOf(Inventory inventory) {
        String prompt = new ChatPrompt(new ToolRegistry(List.of()))
                .instructions(new Environment("prod", "", POLICY, inventory));
        return prompt.substring(prompt.indexOf("Inventory of 'prod':"), prompt.indexOf("\nActions you can"));
    }

    @Test
    void shouldListEveryLineOfEveryPartAndNoCredentialNorWhereOneIsKept() {
        KubernetesCluster cluster = new KubernetesCluster(Optional.of("prod-eu"),
                Optional.of(new SecretRef("file", "/etc/carapulse/prod.kubeconfig")), Optional.empty(),
                Optional.of(new SecretRef("env", "PROD_KUBE_TOKEN")), Set.of("web", "payments"));
        HelmInventory helm = new HelmInventory(Optional.of(new HelmInventory.Values(
                URI.create("https://git.example.com/ops/values.git"), "main",
                Optional.of(new SecretRef("env", "GIT_TOKEN")))), new HelmInventory.Charts(List.of(
                new HelmInventory.ChartRepository("bitnami", URI.create("https://charts.bitnami.com/bitnami"),
                        Optional.of("deploy"), Optional.of(new SecretRef("env", "HELM_REPO_PASSWORD")))), List.of()));
        InventoryPart queue = () -> List.of("Queue: jobs");

        String inventory = inventoryOf(new Inventory(List.of(helm, cluster, queue)));

        assertThat(inventory).isEqualTo("""
                Inventory of 'prod':
                - Helm charts may come from: bitnami/<chart> (https://charts.bitnami.com/bitnami);
                - Helm values files come from the environment's values repository, ref main
                - Kubernetes cluster (the runtime adds the context); namespaces: payments, web
                - Queue: jobs
                """);
        assertThat(inventory).doesNotContain("prod.kubeconfig", "PROD_KUBE_TOKEN", "GIT_TOKEN", "HELM_REPO_PASSWORD",
                "deploy", "prod-eu", "values.git");
    }

    @Test
    void shouldSayWhenNoTargetsAreDeclared() {
        assertThat(inventoryOf(Inventory.NONE)).isEqualTo("Inventory of 'prod':\n- no external targets are declared\n");
        assertThat(inventoryOf(new Inventory(List.of(HelmInventory.NONE))))
                .as("a part that declares nothing a step could name")
                .isEqualTo("Inventory of 'prod':\n- no external targets are declared\n");
    }
}
