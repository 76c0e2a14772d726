package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.transport.TransportMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Helm family keeps the declaration contract and the behavioural one, against a recording fake
 * {@code helm} (reads, and writes from the environment's private chart repository {@code internal}).
 */
class HelmAdapterTest extends ToolFamilyContract {

    private static final String API_SERVER = "https://prod.example.internal:6443";

    /** No helm anywhere: the declarations, and the HTTP read path's availability. */
    @Override
    protected ToolAdapter adapter() {
        return HelmWorld.adapter(null, API_SERVER, TransportMode.AUTO);
    }

    @Override
    protected String binaryName() {
        return "helm";
    }

    /** helm found in {@code binDirectory}: the CLI is chosen although the environment has an API server too. */
    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return HelmWorld.adapter(binDirectory, API_SERVER, TransportMode.AUTO);
    }

    @Override
    protected String environment() {
        return HelmWorld.ENV;
    }

    /** A namespace the environment does not declare, for every action. */
    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return validArguments().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().deepCopy().put("namespace", "kube-system")));
    }

    /** An upgrade's other targets: a chart repository or OCI registry, and a values repository, it does not declare. */
    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        ObjectNode upgrade = validArguments().get("upgrade");
        return Map.of("upgrade", List.of(
                upgrade.deepCopy().put("chart", "stable/web"),
                upgrade.deepCopy().put("chart", "oci://registry.evil.example/charts/web"),
                withoutValues(upgrade).put("values_ref", "web/values.yaml")));
    }

    private static ObjectNode withoutValues(ObjectNode args) {
        ObjectNode copy = args.deepCopy();
        copy.remove("values");
        return copy;
    }

    /**
     * The kubeconfig's token, the chart repository's password and the OCI registry's (helm gets the
     * latter as a Docker-style {@code auth}: base64 of {@code robot:<password>}): all leased to helm.
     */
    @Override
    protected Set<String> leaseSecrets() {
        String registryAuth = Base64.getEncoder().encodeToString(("robot:" + HelmWorld.REGISTRY_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return Set.of(HelmWorld.KUBE_TOKEN, HelmWorld.REPO_PASSWORD, HelmWorld.REGISTRY_PASSWORD, registryAuth);
    }

    /** helm with the kubeconfig and the private chart source's configuration, all printed. */
    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printFileOf("KUBECONFIG").printFileOf("HELM_REPOSITORY_CONFIG").printFileOf("HELM_REGISTRY_CONFIG");
    }

    /** The sample's chart comes from a repository; this one from the registry with credentials. */
    @Override
    protected Map<String, List<ObjectNode>> moreValidArguments() {
        return Map.of("upgrade", List.of(validArguments().get("upgrade").deepCopy()
                .put("chart", HelmWorld.OCI_PRIVATE + "/web")));
    }

    /** Both writes read the release's history first (for the evidence, and the inverse). */
    @Override
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        return cli.answer(List.of("history"), HelmReleases.cliHistory("web", 3));
    }

    /** What Helm 3 prints on stderr (it exits 1 for everything), read by {@link HelmExitMapper}. */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(1, "Error: release: not found\n", ToolFailure.NOT_FOUND),
                new ExitSample(1, "Error: query: failed to query with labels: secrets is forbidden: User "
                        + "\"system:serviceaccount:ops:carapulse\" cannot list resource \"secrets\" in API group \"\" "
                        + "in the namespace \"shop\"\n", ToolFailure.FORBIDDEN),
                new ExitSample(1, "Error: Kubernetes cluster unreachable: the server has asked for the client to provide "
                        + "credentials\n", ToolFailure.UNAUTHENTICATED),
                new ExitSample(1, "Error: Kubernetes cluster unreachable: Get \"https://prod.example.internal:6443/version\": "
                        + "dial tcp 10.0.0.1:6443: i/o timeout\n", ToolFailure.UNAVAILABLE),
                new ExitSample(1, "Error: unknown flag: --bogus\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "status";
    }

    /** {@code helm history -o json}: revision 3 deployed, the one both writes would be undone to. */
    @Override
    protected Map<String, String> currentState() {
        return Map.of("upgrade", HelmReleases.cliHistory("web", 3), "rollback", HelmReleases.cliHistory("web", 3));
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "list", json("{\"namespace\": \"shop\"}"),
                "status", json("{\"namespace\": \"shop\", \"release\": \"web\"}"),
                "history", json("{\"namespace\": \"shop\", \"release\": \"web\"}"),
                "get-values", json("{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3, \"all\": true}"),
                "upgrade", json("{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"internal/web\","
                        + " \"version\": \"1.2.4\", \"values\": {\"image\": {\"tag\": \"1.26\"}}, \"timeout_seconds\": 300}"),
                "rollback", json("{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3}"));
    }

    private ObjectNode schema(String action) {
        return adapter().action(action).orElseThrow().descriptor().argumentSchema();
    }

    @Test
    void shouldDeclareReadsOnBothTransportsAndWritesOnTheCliOnly() {
        ToolAdapter adapter = adapter();

        assertThat(adapter.actions()).allSatisfy(a -> {
            boolean write = a.descriptor().actionClass() == ActionClass.WRITE;
            assertThat(a.descriptor().transports()).isEqualTo(write ? java.util.Set.of(Transport.CLI)
                    : java.util.Set.of(Transport.CLI, Transport.HTTP));
            assertThat(a.descriptor().reversible()).isEqualTo(write);
        });
    }

    @Test
    void shouldRefuseReleaseNamesThatCouldBeOptionsOrTooLong() {
        for (String bad : new String[] {"-web", "Web", "web-", "web_1", "web;rm", "a".repeat(54)}) {
            assertThat(ArgumentSchemas.errors(schema("status"),
                    json("{\"namespace\": \"shop\", \"release\": \"" + bad + "\"}"))).as(bad).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseChartsThatAreLocalPathsOrOptions() {
        for (String bad : new String[] {"/etc/charts/web", "../web", "repo/../../web", "./web", "-f", "--post-renderer",
                "file:///tmp/web", "oci://registry/../x", "https://evil.example/web.tgz", "repo/web$(id)"}) {
            assertThat(ArgumentSchemas.errors(schema("upgrade"),
                    json("{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"" + bad + "\"}"))).as(bad).isNotEmpty();
        }
    }

    @Test
    void shouldAcceptRepoChartReferencesAndOciUrls() {
        for (String good : new String[] {"bitnami/nginx", "oci://registry.example.com:5000/charts/web", "web"}) {
            assertThat(ArgumentSchemas.errors(schema("upgrade"),
                    json("{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"" + good + "\"}"))).as(good).isEmpty();
        }
    }

    @Test
    void shouldOfferHttpButNotCliWhenHelmIsNotInstalled() {
        assertThat(adapter().availableTransports()).containsExactly(Transport.HTTP);
    }

    @Test
    void shouldNameTheNamespaceArgumentWhenItIsNotTheEnvironments() {
        var call = new io.carapulse.api.tool.ToolCall("helm", "status",
                json("{\"namespace\": \"kube-system\", \"release\": \"web\"}"), HelmWorld.ENV);

        assertThat(adapter().action("status").orElseThrow().targetProblems(call))
                .singleElement().asString().contains("namespace 'kube-system'");
    }
}
