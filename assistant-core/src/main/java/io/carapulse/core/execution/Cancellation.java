package io.carapulse.core.execution;

import io.carapulse.api.tool.CancellationSignal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runtime's {@link CancellationSignal}: set once, runs the registered actions once. */
final class Cancellation implements CancellationSignal {

    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled.get() && actions.remove(action)) {
            safeRun(action);
        }
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable a : actions) {
                if (actions.remove(a)) {
                    safeRun(a);
                }
            }
        }
    }

    private static void safeRun(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("a cancellation action failed: {}", e.toString());
        }
    }
}
