package io.carapulse.tools.github;

import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Instant;
import java.util.Optional;

/** A {@link RecordingToolContext} that also hands back a step's approved preview, as the runtime does at execution. */
final class PreviewContext implements ToolContext {

    private final RecordingToolContext inner;
    private final StepPreview preview;

    PreviewContext(RecordingToolContext inner, StepPreview preview) {
        this.inner = inner;
        this.preview = preview;
    }

    @Override
    public String executionId() {
        return inner.executionId();
    }

    @Override
    public Instant deadline() {
        return inner.deadline();
    }

    @Override
    public void emit(String line) {
        inner.emit(line);
    }

    @Override
    public CancellationSignal cancellation() {
        return inner.cancellation();
    }

    @Override
    public Optional<ToolCallOrigin> origin() {
        return inner.origin();
    }

    @Override
    public Optional<StepPreview> preview() {
        return Optional.ofNullable(preview);
    }
}
