package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FakeWorldTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeTool tool = new FakeTool(world);
    private final RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    @Test
    void shouldJournalEveryExecutionInOrderIncludingFailedOnes() {
        world.deploy("web", 1);

        run("get", args().put("name", "web"));
        catchThrowable(() -> run("get", args().put("name", "ghost")));
        catchThrowable(() -> run("fail", args().put("message", "boom")));
        run("echo", args().put("text", "hi"));

        assertThat(world.executions()).extracting(JournalEntry::qualifiedName)
                .containsExactly("fake.get", "fake.get", "fake.fail", "fake.echo");
        assertThat(world.executions().get(1).args().get("name").asText()).isEqualTo("ghost");
        assertThat(world.inverseCaptures()).isEmpty();
    }

    @Test
    void shouldStartWithAnEmptyJournal() {
        world.deploy("web", 1);

        assertThat(world.journal()).isEmpty();
    }

    @Test
    void shouldKeepJournaledArgumentsFromLaterChanges() {
        ObjectNode args = args().put("text", "original");
        run("echo", args);

        world.journal().get(0).args().put("text", "rewritten");

        assertThat(world.journal().get(0).args().get("text").asText()).isEqualTo("original");
    }

    @Test
    void shouldForgetDeploymentsJournalAndVersionsOnReset() {
        world.deploy("web", 1);
        run("get", args().put("name", "web"));

        world.reset();

        assertThat(world.deployment("web")).isEmpty();
        assertThat(world.journal()).isEmpty();
        assertThat(world.deploy("api", 2).resourceVersion()).isEqualTo(1);
    }

    @Test
    void shouldBumpOneWorldWideResourceVersion() {
        assertThat(world.deploy("web", 1).resourceVersion()).isEqualTo(1);
        assertThat(world.deploy("api", 1).resourceVersion()).isEqualTo(2);
        assertThat(world.scale("web", 4).orElseThrow().after().resourceVersion()).isEqualTo(3);
    }

    @Test
    void shouldLoseNoCallOrVersionUnderConcurrentScales() throws Exception {
        world.deploy("web", 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int replicas = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        run("scale", args().put("name", "web").put("replicas", replicas));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(world.executions()).hasSize(800);
        assertThat(world.deployment("web").orElseThrow().resourceVersion()).isEqualTo(801);
    }

    private void run(String action, ObjectNode args) {
        tool.action(action).orElseThrow().execute(new ToolCall("fake", action, args, "dev"), context);
    }

    private static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }
}
