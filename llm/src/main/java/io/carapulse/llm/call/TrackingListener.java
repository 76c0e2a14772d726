package io.carapulse.llm.call;

import io.carapulse.api.llm.LlmListener;

/**
 * Passes text on to the caller's listener and remembers whether any went out, so a failed stream is
 * retried only while the person has seen nothing of it. Empty deltas are dropped.
 */
public final class TrackingListener implements LlmListener {

    private final LlmListener delegate;
    private volatile boolean started;

    public TrackingListener(LlmListener delegate) {
        this.delegate = delegate == null ? LlmListener.NONE : delegate;
    }

    @Override
    public void onText(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        started = true;
        delegate.onText(delta);
    }

    /** Whether any text reached the caller's listener. */
    public boolean started() {
        return started;
    }
}
