package io.carapulse.tools.vault.internal;

import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The call's context without its live output: a vault command's lines may hold what no one may see (a KV
 * value, a secret id) and the redactor cannot know them, so they are never streamed; the action's result
 * carries what may be shown. Everything else (deadline, cancellation, origin, preview, whom it acts for) is the call's own.
 */
public final class QuietContext implements ToolContext {

    private final ToolContext call;

    public QuietContext(ToolContext call) {
        this.call = call;
    }

    @Override
    public String executionId() {
        return call.executionId();
    }

    @Override
    public Instant deadline() {
        return call.deadline();
    }

    /** Dropped: see the class comment. */
    @Override
    public void emit(String line) {
    }

    @Override
    public CancellationSignal cancellation() {
        return call.cancellation();
    }

    @Override
    public Optional<ToolCallOrigin> origin() {
        return call.origin();
    }

    @Override
    public Optional<StepPreview> preview() {
        return call.preview();
    }

    @Override
    public Optional<io.carapulse.api.tool.ActingFor> actingFor() {
        return call.actingFor();
    }
}
