package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolAdapter;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeToolFactoryTest {

    @Test
    void shouldSeedTheWorldFromConfiguration() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(FakeToolFactory.PROPERTY, "true",
                FakeToolFactory.DEPLOYMENTS, "web=2, api=5"))) {
            FakeWorld world = ctx.getBean(FakeWorld.class);
            assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(2);
            assertThat(world.deployment("api").orElseThrow().replicas()).isEqualTo(5);
        }
    }

    @Test
    void shouldRefuseAMalformedSeed() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(FakeToolFactory.PROPERTY, "true",
                FakeToolFactory.DEPLOYMENTS, "web:2")).getBean(FakeWorld.class))
                .hasStackTraceContaining("expected name=replicas");
    }

    @Test
    void shouldOfferTheFakeToolAndOneWorldWhenSwitchedOn() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(FakeToolFactory.PROPERTY, "true"))) {
            FakeWorld world = ctx.getBean(FakeWorld.class);

            assertThat(ctx.getBeansOfType(ToolAdapter.class)).extracting(ToolAdapter::name).containsExactly("fake");
            assertThat(ctx.getBean(FakeTool.class).world()).isSameAs(world);
            assertThat(ctx.getBean(FakeWorld.class)).isSameAs(world);
        }
    }

    @Test
    void shouldOfferNothingByDefault() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertThat(ctx.getBeansOfType(ToolAdapter.class)).isEmpty();
            assertThat(ctx.findBean(FakeWorld.class)).isEmpty();
        }
    }

    @Test
    void shouldOfferNothingWhenSwitchedOff() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(FakeToolFactory.PROPERTY, "false"))) {
            assertThat(ctx.getBeansOfType(ToolAdapter.class)).isEmpty();
        }
    }

    @Test
    void shouldBeSwitchedOnByTheEnvironmentVariable() throws Exception {
        assertThat(probe(Map.of("CARAPULSE_TESTKIT_FAKE_TOOLS", "true"))).isEqualTo("tools=[fake]");
        assertThat(probe(Map.of())).isEqualTo("tools=[]");
    }

    /** Runs {@link FakeToolProbe} in a fresh JVM, since a test cannot set its own environment. */
    private static String probe(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FakeToolProbe.class.getName()).redirectErrorStream(true);
        builder.environment().remove("CARAPULSE_TESTKIT_FAKE_TOOLS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> l.startsWith("tools=")).toList();
        assertThat(lines).as(output).hasSize(1);
        return lines.get(0);
    }
}
