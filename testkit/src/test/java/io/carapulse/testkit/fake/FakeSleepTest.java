package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeSleepTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeTool tool = new FakeTool(world);

    @Test
    void shouldStopWithinASecondWhenCancelled() throws Exception {
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofMinutes(5));
        CompletableFuture<ToolResult> running = CompletableFuture.supplyAsync(() -> sleep(60_000, context));
        waitUntilJournaled();

        long cancelledAt = System.nanoTime();
        context.cancel();
        Throwable failure = failureOf(running, 5);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(1_000);
        assertThat(failure).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.code()).isEqualTo("cancelled");
            assertThat(e.partial()).isPresent();
        });
    }

    @Test
    void shouldStopWithTimedOutAtTheDeadline() throws Exception {
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();

        Throwable failure = failureOf(CompletableFuture.supplyAsync(() -> sleep(60_000, context)), 5);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 1_500L);
        assertThat(failure).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.code()).isEqualTo("timed_out"));
    }

    @Test
    void shouldSleepTheWholeTimeAndEmitALinePerSecond() {
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));
        long start = System.nanoTime();

        ToolResult result = sleep(2_100, context);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(2_100);
        assertThat(context.lines()).containsExactly("slept 1s of 2100ms", "slept 2s of 2100ms", "slept 2100ms");
        assertThat(result.output()).isEqualTo(String.join("\n", context.lines()));
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldNotStartWhenAlreadyCancelled() {
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));
        context.cancel();

        Throwable failure = catchThrowable(() -> sleep(60_000, context));

        assertThat(failure).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.code()).isEqualTo("cancelled"));
        assertThat(context.lines()).isEmpty();
    }

    private ToolResult sleep(long millis, RecordingToolContext context) {
        ToolCall call = new ToolCall("fake", "sleep", JsonNodeFactory.instance.objectNode().put("millis", millis), "dev");
        return tool.action("sleep").orElseThrow().execute(call, context);
    }

    private void waitUntilJournaled() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (world.executions().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        // the sleep has started; let it settle into its wait
        Thread.sleep(200);
    }

    private static Throwable failureOf(CompletableFuture<ToolResult> running, int seconds) throws Exception {
        try {
            running.get(seconds, TimeUnit.SECONDS);
            throw new AssertionError("fake.sleep finished instead of stopping");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
