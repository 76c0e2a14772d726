package io.carapulse.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an adapter may declare about an action (S1). */
class ActionDescriptorTest {

    private static final ObjectNode SCHEMA = JsonNodeFactory.instance.objectNode().put("type", "object");

    private static ActionDescriptor descriptor(String name, ActionClass actionClass, boolean reversible) {
        return new ActionDescriptor(name, actionClass, "does a thing", SCHEMA, reversible, Set.of(Transport.CLI),
                Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scale", "rollout-status", "get2", "a"})
    void shouldAcceptLowerCaseKebabCaseNames(String name) {
        assertThat(descriptor(name, ActionClass.READ, false).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Scale", "rollout_status", "rollout status", "-scale", "2scale", "", "kubectl.scale",
            "scale;rm"})
    void shouldRejectANameThatIsNotLowerCaseKebabCase(String name) {
        assertThatThrownBy(() -> descriptor(name, ActionClass.READ, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kebab-case");
    }

    @Test
    void shouldRejectAReversibleReadAction() {
        assertThatThrownBy(() -> descriptor("get", ActionClass.READ, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to reverse");
    }

    @Test
    void shouldAcceptReversibleWriteAndBreakGlassActions() {
        assertThat(descriptor("scale", ActionClass.WRITE, true).reversible()).isTrue();
        assertThat(descriptor("delete", ActionClass.BREAK_GLASS, true).reversible()).isTrue();
    }

    @Test
    void shouldRequireAClassASchemaAndADefaultTimeout() {
        assertThatThrownBy(() -> new ActionDescriptor("get", null, "", SCHEMA, false, Set.of(), Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("actionClass");
        assertThatThrownBy(() -> new ActionDescriptor("get", ActionClass.READ, "", null, false, Set.of(), Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("argumentSchema");
        assertThatThrownBy(() -> new ActionDescriptor("get", ActionClass.READ, "", SCHEMA, false, Set.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("defaultTimeout");
    }

    @Test
    void shouldDefaultAMissingDescriptionToEmptyAndCopyTransports() {
        Set<Transport> transports = EnumSet.of(Transport.CLI);
        ActionDescriptor d = new ActionDescriptor("get", ActionClass.READ, null, SCHEMA, false, transports,
                Duration.ofSeconds(5));
        transports.add(Transport.HTTP);

        assertThat(d.description()).isEmpty();
        assertThat(d.transports()).containsExactly(Transport.CLI);
    }
}
