package io.carapulse.testkit.tool;

import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ToolContext} for calling actions directly in tests: it records every emitted line, lets the
 * test cancel the call and, through {@link #setOrigin}, say who and what the call is for. Thread-safe, since actions may emit from their own threads.
 */
public final class RecordingToolContext implements ToolContext {

    private final String executionId;
    private final Instant deadline;
    private final ManualCancellation cancellation = new ManualCancellation();
    private final List<String> lines = new ArrayList<>();
    private volatile ToolCallOrigin origin;
    private volatile io.carapulse.api.tool.StepPreview preview;

    /** A context for {@code executionId} that reports {@code deadline}; it never cancels by itself. */
    public RecordingToolContext(String executionId, Instant deadline) {
        this.executionId = Objects.requireNonNull(executionId, "executionId");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /** A context for execution {@code test} whose deadline is {@code timeout} from now. */
    public static RecordingToolContext withTimeout(Duration timeout) {
        return new RecordingToolContext("test", Instant.now().plus(timeout));
    }

    @Override
    public String executionId() {
        return executionId;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public synchronized void emit(String line) {
        lines.add(line);
    }

    @Override
    public ManualCancellation cancellation() {
        return cancellation;
    }

    /** No origin unless {@link #setOrigin} gave one, as for a context built outside the runtime. */
    @Override
    public Optional<ToolCallOrigin> origin() {
        return Optional.ofNullable(origin);
    }

    /** Makes {@link #origin()} answer {@code value} (null: none); returns this context. */
    public RecordingToolContext setOrigin(ToolCallOrigin value) {
        this.origin = value;
        return this;
    }

    /** No preview unless {@link #setPreview} gave one, as for a context built outside the runtime. */
    @Override
    public Optional<io.carapulse.api.tool.StepPreview> preview() {
        return Optional.ofNullable(preview);
    }

    /** Makes {@link #preview()} answer {@code value} (the approved preview; null: none); returns this context. */
    public RecordingToolContext setPreview(io.carapulse.api.tool.StepPreview value) {
        this.preview = value;
        return this;
    }

    /** Every line emitted so far, in order. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Cancels the call, as the runtime does when an execution is cancelled. */
    public void cancel() {
        cancellation.cancel();
    }
}
