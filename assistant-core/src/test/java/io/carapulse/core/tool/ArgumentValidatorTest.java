package io.carapulse.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schema refusals speak the caller's terms: the argument's name and the pattern as GET /v1/tools states it. */
class ArgumentValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldNameTheArgumentAndThePublishedPatternNotTheValidatorsForms() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "properties":{"name":{"type":"string","pattern":"^[a-z]+$"}},"required":["name"],
                 "additionalProperties":false}""");
        ActionDescriptor action = new ActionDescriptor("get", ActionClass.READ, "d", schema, false,
                Set.of(Transport.CLI), Duration.ofSeconds(5));
        ArgumentValidator validator = new ArgumentValidator();

        assertThat(validator.problems(action, JSON.readTree("{\"name\":\"web\\n\"}")))
                .containsExactly("name: does not match the pattern ^[a-z]+$");
        assertThat(validator.problems(action, JSON.readTree("{}"))).singleElement().asString()
                .startsWith("required property 'name'").doesNotContain("$");
        assertThat(validator.problems(action, JSON.readTree("{\"name\":\"web\",\"x\":1}"))).singleElement().asString()
                .doesNotStartWith("$");
    }
}
