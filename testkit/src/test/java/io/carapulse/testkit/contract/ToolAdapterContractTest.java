package io.carapulse.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Proves that every test of {@link ToolAdapterContract} can fail: each runs against an adapter with
 * exactly one thing wrong, and passes against the same adapter with nothing wrong.
 */
class ToolAdapterContractTest {

    private static final String CLOSED = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
            + " \"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}},"
            + " \"required\": [\"name\"], \"additionalProperties\": false}";

    @Test
    void shouldPassAWellDeclaredAdapter() {
        Contract contract = new Contract(new Adapter("good", Set.of(Transport.CLI), List.of(action("get"))),
                Map.of("get", ToolAdapterContract.json("{\"name\": \"web\"}")));

        assertThatCode(contract::runAll).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseABadToolName() {
        assertFails(contractFor("Kube_Ctl", action("get")), Contract::toolNameShouldBeLowerCaseKebabCase);
    }

    @Test
    void shouldRefuseABlankToolDescription() {
        Adapter adapter = new Adapter("good", Set.of(Transport.CLI), List.of(action("get")), " ");
        assertFails(new Contract(adapter, samples("get")), Contract::toolShouldHaveADescription);
    }

    @Test
    void shouldRefuseDuplicateActionNames() {
        assertFails(contractFor("good", action("get"), action("get")),
                Contract::actionNamesShouldBeUniqueAndLowerCaseKebabCase);
    }

    @Test
    void shouldRefuseAnAdapterWithoutActions() {
        assertFails(contractFor("good"), Contract::actionNamesShouldBeUniqueAndLowerCaseKebabCase);
    }

    @Test
    void shouldRefuseABlankActionDescription() {
        ActionDescriptor d = new ActionDescriptor("get", ActionClass.READ, "  ", schema(CLOSED), false,
                Set.of(Transport.CLI), Duration.ofSeconds(30));
        assertFails(contractFor("good", new Action(() -> d)), Contract::everyActionShouldHaveADescription);
    }

    @Test
    void shouldRefuseZeroNegativeAndOverlongDefaultTimeouts() {
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofHours(1).plusSeconds(1))) {
            ActionDescriptor d = new ActionDescriptor("get", ActionClass.READ, "Get.", schema(CLOSED), false,
                    Set.of(Transport.CLI), timeout);
            assertFails(contractFor("good", new Action(() -> d)),
                    Contract::everyActionShouldHaveAPositiveDefaultTimeoutOfAtMostAnHour);
        }
    }

    @Test
    void shouldRefuseAnActionWithoutTransport() {
        ActionDescriptor d = new ActionDescriptor("get", ActionClass.READ, "Get.", schema(CLOSED), false,
                Set.of(), Duration.ofSeconds(30));
        assertFails(new Contract(new Adapter("good", Set.of(), List.of(new Action(() -> d))), samples("get")),
                Contract::everyActionShouldDeclareATransport);
    }

    @Test
    void shouldRefuseSchemasThatAreNotClosedDraft202012ObjectSchemas() {
        List<String> bad = List.of(
                CLOSED.replace("\"additionalProperties\": false", "\"additionalProperties\": true"),
                CLOSED.replace(", \"additionalProperties\": false", ""),
                CLOSED.replace("\"type\": \"object\"", "\"type\": \"array\""),
                CLOSED.replace("\"type\": \"object\"", "\"type\": \"objekt\""),
                CLOSED.replace("2020-12", "2019-09"),
                CLOSED.replace("\"required\": [\"name\"]", "\"required\": [\"nmae\"]"),
                CLOSED.replace("\"pattern\": \"^[a-z]+$\"", "\"minLength\": \"one\""));
        for (String schema : bad) {
            assertFails(contractFor("good", actionWithSchema(schema)),
                    Contract::everySchemaShouldBeAClosedDraft202012ObjectSchema);
        }
    }

    @Test
    void shouldRefuseASchemaThatAcceptsUnknownProperties() {
        String open = CLOSED.replace(", \"additionalProperties\": false", "");
        assertFails(contractFor("good", actionWithSchema(open)), Contract::anUnknownPropertyShouldBeRefused);
    }

    @Test
    void shouldRefuseSampleArgumentsTheSchemaRefuses() {
        Adapter adapter = new Adapter("good", Set.of(Transport.CLI), List.of(action("get")));
        assertFails(new Contract(adapter, Map.of("get", ToolAdapterContract.json("{\"name\": \"-web\"}"))),
                Contract::sampleArgumentsShouldSatisfyTheirSchema);
    }

    @Test
    void shouldRefuseMissingAndUnknownSamples() {
        Adapter adapter = new Adapter("good", Set.of(Transport.CLI), List.of(action("get"), action("list")));
        assertFails(new Contract(adapter, samples("get")), Contract::sampleArgumentsShouldCoverExactlyTheActions);
        assertFails(new Contract(adapter, samples("get")), Contract::sampleArgumentsShouldSatisfyTheirSchema);
        assertFails(new Contract(adapter, samples("get", "list", "delete")),
                Contract::sampleArgumentsShouldCoverExactlyTheActions);
    }

    @Test
    void shouldRefuseAReversibleRead() {
        // ActionDescriptor itself refuses this combination, so the contract fails as soon as it asks
        Action reversibleRead = new Action(() -> new ActionDescriptor("get", ActionClass.READ, "Get.",
                schema(CLOSED), true, Set.of(Transport.CLI), Duration.ofSeconds(30)));
        Contract contract = new Contract(new Adapter("good", Set.of(Transport.CLI), List.of(reversibleRead)),
                samples("get"));
        assertThatThrownBy(contract::onlyWritesShouldBeReversible).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAvailableTransportsNoActionDeclares() {
        Adapter adapter = new Adapter("good", Set.of(Transport.CLI, Transport.HTTP), List.of(action("get")));
        assertFails(new Contract(adapter, samples("get")), Contract::availableTransportsShouldBeDeclaredBySomeAction);
    }

    @Test
    void shouldRefuseADescriptorThatChangesBetweenCalls() {
        int[] calls = {0};
        Action drifting = new Action(() -> new ActionDescriptor("get", ActionClass.READ, "Get " + calls[0]++,
                schema(CLOSED), false, Set.of(Transport.CLI), Duration.ofSeconds(30)));
        assertFails(contractFor("good", drifting), Contract::descriptorsShouldBeConstant);
    }

    private static void assertFails(Contract contract, java.util.function.Consumer<Contract> test) {
        assertThatThrownBy(() -> test.accept(contract)).isInstanceOf(AssertionError.class);
    }

    private static Contract contractFor(String toolName, ToolAction... actions) {
        List<String> names = new ArrayList<>();
        for (ToolAction a : actions) {
            names.add(a.descriptor().name());
        }
        return new Contract(new Adapter(toolName, Set.of(Transport.CLI), List.of(actions)),
                samples(names.toArray(String[]::new)));
    }

    private static Map<String, ObjectNode> samples(String... actions) {
        Map<String, ObjectNode> samples = new HashMap<>();
        for (String a : actions) {
            samples.put(a, ToolAdapterContract.json("{\"name\": \"web\"}"));
        }
        return samples;
    }

    private static Action action(String name) {
        ActionDescriptor d = new ActionDescriptor(name, ActionClass.READ, "Read it.", schema(CLOSED), false,
                Set.of(Transport.CLI), Duration.ofSeconds(30));
        return new Action(() -> d);
    }

    private static Action actionWithSchema(String schema) {
        ActionDescriptor d = new ActionDescriptor("get", ActionClass.READ, "Read it.", schema(schema), false,
                Set.of(Transport.CLI), Duration.ofSeconds(30));
        return new Action(() -> d);
    }

    private static ObjectNode schema(String json) {
        return ToolAdapterContract.json(json);
    }

    /** The contract run by hand against one adapter, so a failing check can be asserted on. */
    static final class Contract extends ToolAdapterContract {

        private final ToolAdapter adapter;
        private final Map<String, ObjectNode> samples;

        Contract(ToolAdapter adapter, Map<String, ObjectNode> samples) {
            this.adapter = adapter;
            this.samples = samples;
        }

        @Override
        protected ToolAdapter adapter() {
            return adapter;
        }

        @Override
        protected Map<String, ObjectNode> validArguments() {
            return samples;
        }

        void runAll() {
            toolNameShouldBeLowerCaseKebabCase();
            toolShouldHaveADescription();
            actionNamesShouldBeUniqueAndLowerCaseKebabCase();
            everyActionShouldHaveADescription();
            everyActionShouldHaveAPositiveDefaultTimeoutOfAtMostAnHour();
            everyActionShouldDeclareATransport();
            everySchemaShouldBeAClosedDraft202012ObjectSchema();
            onlyWritesShouldBeReversible();
            sampleArgumentsShouldCoverExactlyTheActions();
            sampleArgumentsShouldSatisfyTheirSchema();
            anUnknownPropertyShouldBeRefused();
            availableTransportsShouldBeDeclaredBySomeAction();
            descriptorsShouldBeConstant();
        }
    }

    private record Adapter(String name, Set<Transport> availableTransports, List<ToolAction> actions,
            String description) implements ToolAdapter {

        Adapter(String name, Set<Transport> availableTransports, List<ToolAction> actions) {
            this(name, availableTransports, actions, "A tool.");
        }
    }

    private record Action(Supplier<ActionDescriptor> declaration) implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            return declaration.get();
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            throw new AssertionError("the contract must never execute an action");
        }
    }
}
