package io.carapulse.tools.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.tools.process.ProcessRunner;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code carapulse.tools.<tool>.*} binds to {@link ToolSettings} and reaches the selector; the runtime's beans wire. */
class ToolSettingsBindingTest {

    @Test
    void shouldBindEachToolsSettingsWithDefaults() {
        Map<String, Object> props = Map.of(
                "carapulse.tools.kubectl.binary", "/opt/kubectl/kubectl",
                "carapulse.tools.kubectl.transport", "cli",
                "carapulse.tools.kubectl.timeout", "2m",
                "carapulse.tools.argocd.transport", "http",
                "carapulse.tools.helm.binary", "/usr/local/bin/helm");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            TransportSelector selector = ctx.getBean(TransportSelector.class);

            assertThat(selector.settings("kubectl")).isEqualTo(new ToolSettings("kubectl",
                    Path.of("/opt/kubectl/kubectl"), TransportMode.CLI, Duration.ofMinutes(2)));
            assertThat(selector.settings("argocd")).isEqualTo(
                    new ToolSettings("argocd", null, TransportMode.HTTP, null));
            assertThat(selector.settings("helm")).isEqualTo(
                    new ToolSettings("helm", Path.of("/usr/local/bin/helm"), TransportMode.AUTO, null));
            assertThat(selector.settings("vault")).isEqualTo(ToolSettings.defaults("vault"));
            assertThat(ctx.getBean(ProcessRunner.class)).isNotNull();
        }
    }
}
