package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolAdapterContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubectlAdapterContractTest extends ToolAdapterContract {

    @TempDir
    Path dir;

    @Override
    protected ToolAdapter adapter() {
        return KubectlFixture.cli(dir).adapter;
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
