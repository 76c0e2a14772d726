package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ToolContext} as the runtime gives a plan's step: an origin (plan, execution, step, requester,
 * approver) and, at execution, the preview stored when the plan was made.
 */
final class StepContext implements ToolContext {

    static final ToolCallOrigin ORIGIN = new ToolCallOrigin("plan-42", "exec-1", 0, ToolCallOrigin.ACT, "prod",
            "oidc:dana", Optional.of("oidc:sam"));

    private final RecordingToolContext delegate = new RecordingToolContext("exec-1", Instant.now().plus(Duration.ofMinutes(1)));
    private final Optional<ToolCallOrigin> origin;
    private final Optional<StepPreview> preview;

    private StepContext(Optional<ToolCallOrigin> origin, Optional<StepPreview> preview) {
        this.origin = origin;
        this.preview = preview;
    }

    /** A step of plan-42 without a preview (plan time, or a step that has none). */
    static StepContext step() {
        return new StepContext(Optional.of(ORIGIN), Optional.empty());
    }

    /** A step of plan-42 requested by {@code requester}. */
    static StepContext origin(String requester) {
        return new StepContext(Optional.of(new ToolCallOrigin("plan-42", "exec-1", 0, ToolCallOrigin.ACT, "prod",
                requester, Optional.empty())), Optional.empty());
    }

    /** A step of plan-42 running with the preview approved for it. */
    static StepContext approved(StepPreview preview) {
        return new StepContext(Optional.of(ORIGIN), Optional.of(preview));
    }

    /** The same step at another stage (the inverse capture before it runs). */
    StepContext stage(String stage) {
        return new StepContext(origin.map(o -> o.withStage(stage)), preview);
    }

    @Override
    public String executionId() {
        return delegate.executionId();
    }

    @Override
    public Instant deadline() {
        return delegate.deadline();
    }

    @Override
    public void emit(String line) {
        delegate.emit(line);
    }

    @Override
    public CancellationSignal cancellation() {
        return delegate.cancellation();
    }

    @Override
    public Optional<ToolCallOrigin> origin() {
        return origin;
    }

    @Override
    public Optional<StepPreview> preview() {
        return preview;
    }

    List<String> lines() {
        return delegate.lines();
    }
}
