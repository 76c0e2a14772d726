package io.carapulse.tools.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.ConfigurationException;
import io.carapulse.tools.binary.BinaryLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every combination of mode, binary presence and HTTP path, and what each one yields. */
class TransportSelectorTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> table() {
        return Stream.of(
                // mode, binary on PATH, action has HTTP, expected transport (null = transport_unavailable)
                Arguments.of(TransportMode.AUTO, true, true, Transport.CLI),
                Arguments.of(TransportMode.AUTO, true, false, Transport.CLI),
                Arguments.of(TransportMode.AUTO, false, true, Transport.HTTP),
                Arguments.of(TransportMode.AUTO, false, false, null),
                Arguments.of(TransportMode.CLI, true, true, Transport.CLI),
                Arguments.of(TransportMode.CLI, true, false, Transport.CLI),
                Arguments.of(TransportMode.CLI, false, true, null),
                Arguments.of(TransportMode.CLI, false, false, null),
                Arguments.of(TransportMode.HTTP, true, true, Transport.HTTP),
                Arguments.of(TransportMode.HTTP, true, false, null),
                Arguments.of(TransportMode.HTTP, false, true, Transport.HTTP),
                Arguments.of(TransportMode.HTTP, false, false, null));
    }

    @ParameterizedTest(name = "{0}, binary present {1}, http path {2} -> {3}")
    @MethodSource("table")
    void shouldSelectTheTransportTheTableSays(TransportMode mode, boolean present, boolean http, Transport expected)
            throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        if (present) {
            Path kubectl = Files.writeString(bin.resolve("kubectl"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
        }
        TransportSelector selector = new TransportSelector(new BinaryLocator(bin.toString(), Clock.systemUTC()),
                List.of(new ToolSettings("kubernetes", null, mode, null)));

        if (expected == null) {
            assertThatThrownBy(() -> selector.select("kubernetes", "kubectl", http))
                    .isInstanceOfSatisfying(ToolException.class,
                            e -> assertThat(e.failure()).isEqualTo(TransportSelector.UNAVAILABLE))
                    .hasMessageContaining("install kubectl");
        } else {
            Selection selection = selector.select("kubernetes", "kubectl", http);
            assertThat(selection.transport()).isEqualTo(expected);
            if (selection instanceof Selection.Cli cli) {
                assertThat(cli.binary()).isEqualTo(bin.resolve("kubectl"));
            }
        }
    }

    static Stream<Arguments> availability() {
        return Stream.of(
                Arguments.of(TransportMode.AUTO, true, Set.of(Transport.CLI, Transport.HTTP)),
                Arguments.of(TransportMode.AUTO, false, Set.of(Transport.HTTP)),
                Arguments.of(TransportMode.CLI, true, Set.of(Transport.CLI)),
                Arguments.of(TransportMode.CLI, false, Set.of()),
                Arguments.of(TransportMode.HTTP, true, Set.of(Transport.HTTP)),
                Arguments.of(TransportMode.HTTP, false, Set.of(Transport.HTTP)));
    }

    @ParameterizedTest(name = "{0}, binary present {1} -> {2}")
    @MethodSource("availability")
    void shouldReportTheTransportsAvailableNow(TransportMode mode, boolean present, Set<Transport> expected)
            throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        if (present) {
            Path kubectl = Files.writeString(bin.resolve("kubectl"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
        }
        TransportSelector selector = new TransportSelector(new BinaryLocator(bin.toString(), Clock.systemUTC()),
                List.of(new ToolSettings("kubectl", null, mode, null)));
        assertThat(selector.available("kubectl", "kubectl")).isEqualTo(expected);
    }

    @Test
    void shouldFailOnAMissingConfiguredBinaryRatherThanFallBackToHttp() {
        TransportSelector selector = new TransportSelector(new BinaryLocator("", Clock.systemUTC()),
                List.of(new ToolSettings("helm", tmp.resolve("missing/helm"), TransportMode.AUTO, null)));

        assertThatThrownBy(() -> selector.select("helm", "helm", true)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void shouldUseDefaultsForAToolWithoutSettings() {
        TransportSelector selector = new TransportSelector(new BinaryLocator("", Clock.systemUTC()), List.of());

        assertThat(selector.settings("vault")).isEqualTo(ToolSettings.defaults("vault"));
        assertThat(selector.select("vault", "vault", true)).isEqualTo(new Selection.Http());
    }
}
