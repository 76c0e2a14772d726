package io.carapulse.core.execution;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this replica is stopping (SIGTERM, a rolling update): once it drains it reports not ready,
 * claims no execution, and an execution running here stops between two steps so another replica goes
 * on with it ({@link ExecutionScheduler#shutdownGracefully()}). Never undone: a draining replica exits.
 */
@Singleton
public class Drain {

    private final AtomicBoolean draining = new AtomicBoolean();

    /** Starts draining; returns whether this call started it. */
    boolean begin() {
        return draining.compareAndSet(false, true);
    }

    public boolean draining() {
        return draining.get();
    }
}
