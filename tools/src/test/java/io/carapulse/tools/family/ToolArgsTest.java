package io.carapulse.tools.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.contract.ArgumentSchemas;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed arguments: the schema comes from the record, and the record parses strictly, once. */
class ToolArgsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Size implements Arg.Wire {
        SMALL, EXTRA_LARGE, HUGE;

        @Override
        public String wire() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    record Sample(
            @Arg(value = "a name", pattern = "[a-z]+", maxLength = 10) String name,
            @Arg(value = "how many", min = 0, max = 5) int count,
            @Arg(value = "a size", only = {"small", "extra-large"}) Optional<Size> size,
            @Arg(value = "tags", pattern = "[a-z]+", maxItems = 3) Optional<List<String>> tags,
            @Arg("labels") Optional<Map<String, String>> labels,
            @Arg("dry run") Optional<Boolean> dryRun,
            @Arg(value = "a pod", pattern = "[a-z]+") Optional<String> pod,
            @Arg(value = "a deployment", pattern = "[a-z]+") Optional<String> deployment,
            @Arg(value = "a reference", name = "values_ref") Optional<String> valuesRef) {

        Sample {
            if (pod.isPresent() && deployment.isPresent()) {
                throw ToolArgs.invalid("give pod or deployment, not both");
            }
        }
    }

    private final ToolArgs<Sample> args = ToolArgs.of(Sample.class);

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private String refusal(String text) throws Exception {
        ObjectNode in = json(text);
        try {
            args.parse(in);
        } catch (ToolException e) {
            assertThat(e.failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
            return e.getMessage();
        }
        throw new AssertionError("accepted " + text);
    }

    @Test
    void shouldGenerateAClosedSchemaWithRequiredFieldsPatternsRangesAndEnumSubsets() {
        ObjectNode schema = args.schema();

        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.get("required").toString()).isEqualTo("[\"name\",\"count\"]");
        assertThat(schema.at("/properties/name/pattern").asText()).isEqualTo("[a-z]+");
        assertThat(schema.at("/properties/name/maxLength").asInt()).isEqualTo(10);
        assertThat(schema.at("/properties/count/minimum").asInt()).isZero();
        assertThat(schema.at("/properties/count/maximum").asInt()).isEqualTo(5);
        assertThat(schema.at("/properties/size/enum").toString()).isEqualTo("[\"extra-large\",\"small\"]");
        assertThat(schema.at("/properties/tags/items/pattern").asText()).isEqualTo("[a-z]+");
        assertThat(schema.at("/properties/labels/type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/dryRun/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/properties/values_ref/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/valuesRef").isMissingNode()).isTrue();
    }

    @Test
    void shouldAcceptWhatTheSchemaAcceptsAndWriteItBack() throws Exception {
        ObjectNode in = json("{\"name\":\"web\",\"count\":3,\"size\":\"extra-large\",\"tags\":[\"a\",\"b\"],"
                + "\"labels\":{\"team\":\"ops\"},\"dryRun\":true}");
        Sample parsed = args.parse(in);

        assertThat(parsed.size()).contains(Size.EXTRA_LARGE);
        assertThat(parsed.tags()).contains(List.of("a", "b"));
        assertThat(ArgumentSchemas.errors(args.schema(), in)).isEmpty();
        assertThat(args.write(parsed)).isEqualTo(in);
        assertThat(args.parse(args.write(parsed))).isEqualTo(parsed);
        assertThat(args.parse(json("{\"name\":\"web\",\"count\":0}")).size()).isEmpty();
        assertThat(args.parse(json("{\"name\":\"web\",\"count\":0,\"values_ref\":\"a/b.yaml\"}")).valuesRef())
                .contains("a/b.yaml");
    }

    @Test
    void shouldRefuseWhatTheSchemaRefusesNamingTheArgumentAndNeverTheValue() throws Exception {
        assertThat(refusal("{\"count\":1}")).isEqualTo("name is required");
        assertThat(refusal("{\"name\":\"web\",\"count\":\"3\"}")).isEqualTo("count: expected a whole number");
        assertThat(refusal("{\"name\":\"web\",\"count\":3.5}")).isEqualTo("count: expected a whole number");
        assertThat(refusal("{\"name\":\"web\",\"count\":6}")).isEqualTo("count: 6 is outside 0..5");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"tags\":\"a\"}")).isEqualTo("tags: expected an array");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"tags\":[\"a\",\"b\",\"c\",\"d\"]}")).startsWith("tags: expected");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"tags\":[\"-a\"]}")).startsWith("tags[0]: does not match");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"size\":\"huge\"}")).isEqualTo("size: not one of [extra-large, small]");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"size\":\"SMALL\"}")).startsWith("size: not one of");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"dryRun\":\"true\"}")).isEqualTo("dryRun: expected true or false");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"labels\":{\"a\":1}}")).isEqualTo("labels.a: expected a string");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"class\":\"READ\"}")).startsWith("unknown argument 'class'");
        assertThat(refusal("{\"name\":\"web\",\"count\":1,\"pod\":\"a\",\"deployment\":\"b\"}"))
                .isEqualTo("give pod or deployment, not both");
        assertThat(refusal("{\"name\":\"abcdefghijk\",\"count\":1}")).isEqualTo("name: longer than 10 characters");
    }

    @Test
    void shouldMatchEveryPatternAgainstTheWholeValue() throws Exception {
        for (String ending : List.of("\\n", "\\r", "\\r\\n", "\\u2028", "\\u0085", "\\u0000")) {
            String refused = refusal("{\"name\":\"web" + ending + "\",\"count\":1}");
            assertThat(refused).startsWith("name: does not match [a-z]+").doesNotContain("web");
        }
        assertThat(refusal("{\"name\":\"web\\n\",\"count\":1}")).contains("line break");
    }
}
