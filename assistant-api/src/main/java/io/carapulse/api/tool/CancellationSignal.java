package io.carapulse.api.tool;

/**
 * A one-way flag an in-flight call watches. Adapters poll {@link #isCancelled()} between chunks of
 * work and register {@link #onCancel(Runnable)} to abort blocking work (kill a process tree, abort
 * an HTTP request).
 */
public interface CancellationSignal {

    boolean isCancelled();

    /**
     * Runs {@code action} once when cancellation happens, or at once if it already has. The action
     * must be quick and must not throw.
     */
    void onCancel(Runnable action);
}
