package io.carapulse.cli.command.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ActionView;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.cli.CliException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --step} words: typed by the schema, raw JSON with {@code :=}. */
class StepWordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldTypeValuesByTheActionsSchema() throws Exception {
        ActionView action = new ActionView("scale", "fake.scale", ActionClass.WRITE, "", true, List.of("local"), 30,
                (ObjectNode) JSON.readTree("""
                        {"type":"object","properties":{"name":{"type":"string"},"replicas":{"type":"integer"},
                         "force":{"type":["boolean","null"]},"labels":{"type":"object"}}}"""));
        StepDraft step = new StepDraft("fake", "scale", "act");
        step.args.put("name", "007");
        step.json.put("name", false);
        step.args.put("replicas", "3");
        step.json.put("replicas", false);
        step.args.put("force", "true");
        step.json.put("force", false);
        step.args.put("labels", "{\"a\":\"b\"}");
        step.json.put("labels", false);
        step.args.put("note", "\"quoted\"");
        step.json.put("note", true);
        assertThat(ArgumentTyper.type(step, action).toString())
                .isEqualTo("{\"name\":\"007\",\"replicas\":3,\"force\":true,\"labels\":{\"a\":\"b\"},\"note\":\"quoted\"}");

        StepDraft bad = new StepDraft("fake", "scale", "act");
        bad.args.put("replicas", "3abc");
        bad.json.put("replicas", false);
        assertThatThrownBy(() -> ArgumentTyper.type(bad, action)).isInstanceOf(CliException.class)
                .hasMessageContaining("replicas=3abc is not valid JSON");
    }

    @Test
    void shouldKeepStringsWithoutASchema() {
        StepDraft step = new StepDraft("other", "thing", "act");
        step.args.put("count", "3");
        step.json.put("count", false);
        assertThat(ArgumentTyper.type(step, null).toString()).isEqualTo("{\"count\":\"3\"}");
    }

    @Test
    void shouldReadAssertionValuesAsJsonWhenTheyAre() {
        assertThat(ArgumentTyper.loose("3").isInt()).isTrue();
        assertThat(ArgumentTyper.loose("Healthy").asText()).isEqualTo("Healthy");
        assertThat(ArgumentTyper.loose("true").isBoolean()).isTrue();
    }
}
