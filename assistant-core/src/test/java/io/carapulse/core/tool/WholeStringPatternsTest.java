package io.carapulse.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A contract every tool family inherits: each {@code pattern} in every action's argument schema
 * matches the whole string, so a value followed by a line terminator ({@code "web\n"}, {@code "web\r"},
 * {@code "web\u2028"}) is refused at plan time, while the value alone passes. The families and
 * actions come from the registry: a new family is covered without touching this test.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class WholeStringPatternsTest {

    private static final List<String> CANDIDATES = List.of("web", "prod", "a", "web-1", "app.example", "1.2.3",
            "v1.2.3", "charts/web", "main", "abc123", "5", "default", "deployment", "Deployment", "web_1", "x");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Inject ToolRegistry registry;

    @Test
    void shouldMatchEveryPatternOfEveryActionAgainstTheWholeString() {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ToolAdapter adapter : registry.all()) {
            for (ToolAction action : adapter.actions()) {
                List<JsonNode> patterned = new ArrayList<>();
                collect(action.descriptor().argumentSchema(), patterned);
                for (JsonNode schema : patterned) {
                    String regex = schema.get("pattern").asText();
                    String value = CANDIDATES.stream().filter(c -> Pattern.compile(regex).matcher(c).matches())
                            .findFirst().orElse(null);
                    if (value == null) {
                        continue;
                    }
                    String where = adapter.name() + "." + action.descriptor().name() + " " + regex;
                    checked.add(where);
                    var compiled = FACTORY.getSchema(ArgumentValidator.wholeString(schema));
                    if (!compiled.validate(new TextNode(value)).isEmpty()) {
                        failures.add(where + ": refuses '" + value + "'");
                    }
                    for (String end : List.of("\n", "\r", "\r\n", "\u0085", "\u2028")) {
                        if (compiled.validate(new TextNode(value + end)).isEmpty()) {
                            failures.add(where + ": accepts '" + value + "' followed by U+"
                                    + Integer.toHexString(end.charAt(0)));
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("patterns checked").hasSizeGreaterThan(20)
                .anyMatch(c -> c.startsWith("kubectl.")).anyMatch(c -> c.startsWith("helm."))
                .anyMatch(c -> c.startsWith("argocd."));
    }

    /** Every (sub)schema of type string that has a pattern. */
    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.path("pattern").isTextual()) {
            out.add(node);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
