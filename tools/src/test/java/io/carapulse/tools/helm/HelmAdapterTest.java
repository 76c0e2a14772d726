package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolAdapterContract;
import io.carapulse.tools.transport.TransportMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmAdapterTest extends ToolAdapterContract {

    @Override
    protected ToolAdapter adapter() {
        return HelmWorld.adapter(null, "https://prod.example.internal:6443", TransportMode.AUTO);
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "list", json("{\"namespace\": \"shop\"}"),
                "status", json("{\"namespace\": \"shop\", \"release\": \"web\"}"),
                "history", json("{\"namespace\": \"shop\", \"release\": \"web\"}"),
                "get-values", json("{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3, \"all\": true}"),
                "upgrade", json("{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"oci://registry.example.com/charts/web\","
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
