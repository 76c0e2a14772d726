package io.carapulse.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The declarations every {@link ToolAdapter} must get right, as a JUnit 5 suite. An adapter's test
 * extends it and supplies the adapter and one valid argument object per action:
 *
 * <pre>{@code
 * class KubectlAdapterTest extends ToolAdapterContract {
 *     protected ToolAdapter adapter() { return new KubectlAdapter(...); }
 *     protected Map<String, ObjectNode> validArguments() {
 *         return Map.of("scale", json("{\"name\": \"web\", \"replicas\": 3}"), ...);
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing here executes an action: the suite checks only what the registry, plan validation and
 * policy rely on (S1, S5), so it runs without the tool's binary or service. Each test lists every
 * offending action at once.
 */
public abstract class ToolAdapterContract {

    /** Tool and action names: lower-case kebab-case, as plans and policies spell them. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** The longest default timeout an action may declare; longer work must be split. */
    public static final Duration MAX_DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** A property no schema can legitimately accept, used to prove schemas are closed. */
    static final String UNKNOWN_PROPERTY = "carapulse-contract-unknown-property";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The adapter under test; may be a new instance per call. */
    protected abstract ToolAdapter adapter();

    /** One schema-valid argument object per action name, covering every action. */
    protected abstract Map<String, ObjectNode> validArguments();

    /** Parses a JSON object, for writing {@link #validArguments()} compactly. */
    protected static ObjectNode json(String object) {
        try {
            return (ObjectNode) JSON.readTree(object);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + object, e);
        }
    }

    @Test
    public void toolNameShouldBeLowerCaseKebabCase() {
        assertThat(adapter().name()).as("tool name").isNotNull().matches(NAME);
    }

    @Test
    public void toolShouldHaveADescription() {
        assertThat(adapter().description()).as("tool description").isNotBlank();
    }

    @Test
    public void actionNamesShouldBeUniqueAndLowerCaseKebabCase() {
        List<String> names = descriptors().stream().map(ActionDescriptor::name).toList();

        assertThat(names).as("action names").isNotEmpty().doesNotHaveDuplicates().allMatch(n -> NAME.matcher(n).matches());
    }

    @Test
    public void everyActionShouldHaveADescription() {
        assertThat(offenders(d -> d.description().isBlank() ? "blank description" : null)).isEmpty();
    }

    @Test
    public void everyActionShouldHaveAPositiveDefaultTimeoutOfAtMostAnHour() {
        assertThat(offenders(d -> d.defaultTimeout().isNegative() || d.defaultTimeout().isZero()
                || d.defaultTimeout().compareTo(MAX_DEFAULT_TIMEOUT) > 0
                ? "default timeout " + d.defaultTimeout() + " is not in (0, 1h]" : null)).isEmpty();
    }

    @Test
    public void everyActionShouldDeclareATransport() {
        assertThat(offenders(d -> d.transports().isEmpty() ? "declares no transport" : null)).isEmpty();
    }

    @Test
    public void everySchemaShouldBeAClosedDraft202012ObjectSchema() {
        assertThat(offenders(ToolAdapterContract::schemaProblem)).isEmpty();
    }

    @Test
    public void onlyWritesShouldBeReversible() {
        assertThat(offenders(d -> d.reversible() && !d.actionClass().writes()
                ? "is reversible but " + d.actionClass() : null)).isEmpty();
    }

    @Test
    public void sampleArgumentsShouldCoverExactlyTheActions() {
        Set<String> actions = new TreeSet<>(descriptors().stream().map(ActionDescriptor::name).toList());
        Set<String> samples = new TreeSet<>(validArguments().keySet());

        assertThat(samples).as("actions with sample arguments in validArguments()").isEqualTo(actions);
    }

    @Test
    public void sampleArgumentsShouldSatisfyTheirSchema() {
        Map<String, ObjectNode> samples = validArguments();

        assertThat(offenders(d -> {
            ObjectNode sample = samples.get(d.name());
            if (sample == null) {
                return "has no sample in validArguments()";
            }
            List<String> errors = ArgumentSchemas.errors(d.argumentSchema(), sample);
            return errors.isEmpty() ? null : "sample " + sample + " is refused: " + errors;
        })).isEmpty();
    }

    @Test
    public void anUnknownPropertyShouldBeRefused() {
        Map<String, ObjectNode> samples = validArguments();

        assertThat(offenders(d -> {
            ObjectNode sample = samples.get(d.name());
            if (sample == null) {
                return "has no sample in validArguments()";
            }
            ObjectNode widened = sample.deepCopy().put(UNKNOWN_PROPERTY, "x");
            return ArgumentSchemas.errors(d.argumentSchema(), widened).isEmpty()
                    ? "accepts the unknown property " + UNKNOWN_PROPERTY : null;
        })).isEmpty();
    }

    @Test
    public void availableTransportsShouldBeDeclaredBySomeAction() {
        ToolAdapter adapter = adapter();
        Set<Transport> declared = EnumSet.noneOf(Transport.class);
        adapter.actions().forEach(a -> declared.addAll(a.descriptor().transports()));

        assertThat(declared).as("transports the actions declare").containsAll(adapter.availableTransports());
    }

    @Test
    public void descriptorsShouldBeConstant() {
        // the registry reads a descriptor once and policy relies on it for the life of the process
        ToolAdapter adapter = adapter();
        List<String> changing = adapter.actions().stream()
                .filter(a -> !a.descriptor().equals(a.descriptor()))
                .map(a -> adapter.name() + "." + a.descriptor().name() + " returns a different descriptor on each call")
                .toList();

        assertThat(changing).isEmpty();
    }

    private List<ActionDescriptor> descriptors() {
        return adapter().actions().stream().map(ToolAction::descriptor).toList();
    }

    /** {@code tool.action problem} for every action the check finds fault with. */
    private List<String> offenders(Check check) {
        String tool = adapter().name();
        List<String> problems = new ArrayList<>();
        for (ActionDescriptor d : descriptors()) {
            String problem = check.problem(d);
            if (problem != null) {
                problems.add(tool + "." + d.name() + " " + problem);
            }
        }
        return problems;
    }

    private static String schemaProblem(ActionDescriptor d) {
        ObjectNode schema = d.argumentSchema();
        JsonNode declared = schema.get("$schema");
        if (declared != null && !ArgumentSchemas.DRAFT_2020_12.equals(declared.asText())) {
            return "declares $schema " + declared + ", not " + ArgumentSchemas.DRAFT_2020_12;
        }
        List<String> metaErrors = ArgumentSchemas.metaSchemaErrors(schema);
        if (!metaErrors.isEmpty()) {
            return "has an invalid schema: " + metaErrors;
        }
        if (!"object".equals(schema.path("type").asText())) {
            return "schema type is " + schema.get("type") + ", not \"object\"";
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
            return "schema must say \"additionalProperties\": false, says " + additional;
        }
        Set<String> properties = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> undeclared = new ArrayList<>();
        schema.path("required").forEach(r -> {
            if (!properties.contains(r.asText())) {
                undeclared.add(r.asText());
            }
        });
        return undeclared.isEmpty() ? null : "requires undeclared properties " + undeclared;
    }

    /** Names what is wrong with one action's declaration, or returns null when nothing is. */
    @FunctionalInterface
    private interface Check {
        String problem(ActionDescriptor descriptor);
    }
}
