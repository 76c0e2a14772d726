package io.carapulse.testkit.tool;

import io.carapulse.api.tool.CancellationSignal;
import java.util.ArrayList;
import java.util.List;

/** A {@link CancellationSignal} a test sets by hand with {@link #cancel()}. Thread-safe. */
public final class ManualCancellation implements CancellationSignal {

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(action);
                return;
            }
        }
        action.run();
    }

    /** Sets the flag and runs every registered callback once; later calls do nothing. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        // outside the lock: a callback may call back into this signal
        toRun.forEach(Runnable::run);
    }
}
