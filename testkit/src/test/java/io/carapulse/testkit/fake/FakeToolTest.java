package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolAdapterContract;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FakeToolTest extends ToolAdapterContract {

    @Override
    protected ToolAdapter adapter() {
        return new FakeTool(new FakeWorld());
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "get", json("{\"name\": \"web\"}"),
                "echo", json("{\"text\": \"hello\\nworld\", \"lines\": 2}"),
                "scale", json("{\"name\": \"web\", \"replicas\": 0}"),
                "sleep", json("{\"millis\": 600000}"),
                "fail", json("{\"message\": \"boom\"}"),
                "patch", json("{\"name\": \"api-1\", \"replicas\": 1000}"),
                "configure", json("{\"name\": \"web-values\", \"text\": \"replicas: 3\\n\"}"));
    }

    @Test
    void shouldDeclareTheDocumentedClassesAndReversibility() {
        Map<String, ActionDescriptor> actions = adapter().actions().stream()
                .map(ToolAction::descriptor)
                .collect(Collectors.toMap(ActionDescriptor::name, Function.identity()));

        assertThat(adapter().name()).isEqualTo("fake");
        assertThat(adapter().availableTransports()).containsExactly(Transport.LOCAL);
        assertThat(actions).containsOnlyKeys("get", "echo", "scale", "sleep", "fail", "patch", "configure");
        assertThat(actions.get("get").actionClass()).isEqualTo(ActionClass.READ);
        assertThat(actions.get("echo").actionClass()).isEqualTo(ActionClass.READ);
        assertThat(actions.get("scale").actionClass()).isEqualTo(ActionClass.WRITE);
        assertThat(actions.get("scale").reversible()).isTrue();
        assertThat(actions.get("sleep").actionClass()).isEqualTo(ActionClass.WRITE);
        assertThat(actions.get("sleep").reversible()).isFalse();
        assertThat(actions.get("fail").actionClass()).isEqualTo(ActionClass.WRITE);
        assertThat(actions.get("patch").actionClass()).isEqualTo(ActionClass.BREAK_GLASS);
        assertThat(actions.get("patch").reversible()).isTrue();
    }

    @Test
    void shouldRefuseArgumentsOutsideTheSchemas() {
        Map<String, ActionDescriptor> actions = adapter().actions().stream()
                .map(ToolAction::descriptor)
                .collect(Collectors.toMap(ActionDescriptor::name, Function.identity()));

        assertThat(errors(actions, "get", "{\"name\": \"-web\"}")).isNotEmpty();
        assertThat(errors(actions, "get", "{\"name\": \"Web\"}")).isNotEmpty();
        assertThat(errors(actions, "get", "{}")).isNotEmpty();
        assertThat(errors(actions, "scale", "{\"name\": \"web\", \"replicas\": 1001}")).isNotEmpty();
        assertThat(errors(actions, "scale", "{\"name\": \"web\", \"replicas\": -1}")).isNotEmpty();
        assertThat(errors(actions, "scale", "{\"name\": \"web\", \"replicas\": 1.5}")).isNotEmpty();
        assertThat(errors(actions, "sleep", "{\"millis\": 0}")).isNotEmpty();
        assertThat(errors(actions, "sleep", "{\"millis\": 600001}")).isNotEmpty();
        assertThat(errors(actions, "echo", "{\"text\": \"" + "x".repeat(10_001) + "\"}")).isNotEmpty();
        assertThat(errors(actions, "echo", "{\"text\": \"" + "x".repeat(10_000) + "\"}")).isEmpty();
        assertThat(errors(actions, "fail", "{\"message\": \"\"}")).isNotEmpty();
    }

    private static List<String> errors(Map<String, ActionDescriptor> actions, String action, String args) {
        return ArgumentSchemas.errors(actions.get(action).argumentSchema(), json(args));
    }
}
