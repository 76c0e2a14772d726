package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code fake.sleep}: a write that takes a while, printing a line per second. Tests use it for
 * cancellation, deadlines, in-flight writes at shutdown (S10) and live output streaming.
 */
final class FakeSleep extends FakeAction {

    static final long MAX_MILLIS = 600_000;

    private static final long TICK_MILLIS = 1_000;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor(
            "sleep",
            ActionClass.WRITE,
            "Wait for the given number of milliseconds, printing progress every second.",
            Schemas.object(Schemas.properties().set("millis", Schemas.integer(1, MAX_MILLIS, "how long to wait")),
                    "millis"),
            false,
            Set.of(Transport.LOCAL),
            // longer than the longest allowed sleep, so the default never cuts a valid call short
            Duration.ofMillis(MAX_MILLIS).plusMinutes(1));

    FakeSleep(FakeWorld world) {
        super(world, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        long millis = FakeCalls.integer(call, "millis");
        // wakes the wait below at once instead of at the next tick
        CountDownLatch cancelled = new CountDownLatch(1);
        context.cancellation().onCancel(cancelled::countDown);
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        long nextTick = TICK_MILLIS;
        while (true) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (context.cancellation().isCancelled()) {
                throw stopped(call, ToolFailure.CANCELLED, "fake.sleep cancelled after " + elapsed + " ms", lines);
            }
            if (elapsed >= millis) {
                break;
            }
            if (!Instant.now().isBefore(context.deadline())) {
                throw stopped(call, ToolFailure.TIMED_OUT, "fake.sleep passed its deadline after " + elapsed + " ms", lines);
            }
            if (elapsed >= nextTick) {
                String line = "slept " + nextTick / TICK_MILLIS + "s of " + millis + "ms";
                lines.add(line);
                context.emit(line);
                nextTick += TICK_MILLIS;
            }
            long wait = Math.min(millis, Math.min(nextTick, untilDeadline(context) + elapsed)) - elapsed;
            try {
                cancelled.await(Math.max(1, wait), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // the runtime interrupts a worker it is shutting down; stop as a cancellation would
                Thread.currentThread().interrupt();
                throw stopped(call, ToolFailure.CANCELLED, "fake.sleep interrupted after " + elapsed + " ms", lines);
            }
        }
        String done = "slept " + millis + "ms";
        lines.add(done);
        context.emit(done);
        return FakeCalls.success(call, String.join("\n", lines), null, Map.of());
    }

    private static long untilDeadline(ToolContext context) {
        return Math.max(0, Duration.between(Instant.now(), context.deadline()).toMillis());
    }

    private static ToolException stopped(ToolCall call, ToolFailure code, String message, List<String> lines) {
        ToolResult partial = new ToolResult(Transport.LOCAL, FakeCalls.command(call), null, null,
                String.join("\n", lines), null, Map.of());
        return new ToolException(code, message, partial);
    }
}
