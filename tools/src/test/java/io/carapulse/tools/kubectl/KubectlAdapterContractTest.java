package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ToolFamilyContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubectl family keeps the declaration contract and the behavioural one, against a recording fake kubectl. */
class KubectlAdapterContractTest extends ToolFamilyContract {

    @TempDir
    Path dir;

    @Override
    protected ToolAdapter adapter() {
        return KubectlFixture.cli(dir).adapter;
    }

    @Override
    protected String binaryName() {
        return "kubectl";
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return KubectlFixture.cli(binDirectory).adapter;
    }

    @Override
    protected String environment() {
        return "prod";
    }

    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return validArguments().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().deepCopy().put("namespace", "kube-system")));
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(KubectlFixture.KUBECONFIG_TOKEN, KubectlFixture.TOKEN);
    }

    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printFileOf("KUBECONFIG");
    }

    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(1, "Error from server (NotFound): deployments.apps \"web\" not found\n", ToolFailure.NOT_FOUND),
                new ExitSample(1, "Error from server (Forbidden): deployments.apps \"web\" is forbidden: User "
                        + "\"carapulse\" cannot get resource\n", ToolFailure.FORBIDDEN),
                new ExitSample(1, "error: You must be logged in to the server (Unauthorized)\n", ToolFailure.UNAUTHENTICATED),
                new ExitSample(1, "Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout\n",
                        ToolFailure.UNAVAILABLE),
                new ExitSample(2, "error: unknown flag\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "get";
    }

    @Override
    protected Map<String, String> currentState() {
        return Map.of("scale", "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"web\", "
                + "\"namespace\": \"web\", \"uid\": \"u-1\", \"resourceVersion\": \"7\", \"generation\": 3}, "
                + "\"spec\": {\"replicas\": 2}}");
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "describe", json("{\"namespace\": \"web\", \"kind\": \"pod\", \"name\": \"web-1\"}"),
                "get", json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}"),
                "events", json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"limit\": 20}"),
                "logs", json("{\"namespace\": \"web\", \"deployment\": \"web\", \"tail\": 100}"),
                "rollout-status", json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}"),
                "scale", json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"replicas\": 3}"),
                "rollout-restart", json("{\"namespace\": \"web\", \"kind\": \"statefulset\", \"name\": \"db\"}"),
                "rollout-undo", json("{\"namespace\": \"web\", \"name\": \"web\", \"toRevision\": 4}"),
                "patch", json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", "
                        + "\"patch\": {\"spec\": {\"paused\": true}}}"));
    }

    @Test
    void schemasShouldRefuseOptionLikeAndShellNames() {
        var scale = adapter().action("scale").orElseThrow().descriptor().argumentSchema();
        for (String name : new String[]{"--all", "-A", "web;rm -rf /", "web name", "$(id)", "Web"}) {
            assertThat(ArgumentSchemas.errors(scale, json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": "
                    + new com.fasterxml.jackson.databind.node.TextNode(name) + ", \"replicas\": 1}"))).as(name).isNotEmpty();
        }
    }

    @Test
    void schemasShouldRefuseSecretsKindAndContextArguments() {
        var get = adapter().action("get").orElseThrow().descriptor().argumentSchema();

        assertThat(ArgumentSchemas.errors(get, json("{\"namespace\": \"web\", \"kind\": \"secret\"}"))).isNotEmpty();
        assertThat(ArgumentSchemas.errors(get, json("{\"namespace\": \"web\", \"kind\": \"pod\", \"context\": \"x\"}")))
                .isNotEmpty();
        assertThat(ArgumentSchemas.errors(get, json("{\"namespace\": \"web\", \"kind\": \"pod\", \"kubeconfig\": \"x\"}")))
                .isNotEmpty();
    }

    @Test
    void describeShouldNotAcceptConfigmapsWhoseValuesItWouldPrint() {
        var describe = adapter().action("describe").orElseThrow().descriptor().argumentSchema();

        assertThat(ArgumentSchemas.errors(describe, json("{\"namespace\": \"web\", \"kind\": \"configmap\", "
                + "\"name\": \"app\"}"))).isNotEmpty();
    }

    @Test
    void scaleShouldBeTheOnlyReversibleAction() {
        assertThat(adapter().actions()).filteredOn(a -> a.descriptor().reversible())
                .extracting(a -> a.descriptor().name()).containsExactly("scale");
    }
}
