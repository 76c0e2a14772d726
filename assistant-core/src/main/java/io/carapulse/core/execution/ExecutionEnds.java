package io.carapulse.core.execution;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;

/**
 * Wakes the threads of this replica that wait for an execution to settle (end, or be HELD) as soon
 * as the transaction recording it commits here. Only a hint: a waiter always reads the stored state
 * itself, and looks again on its own for executions settled by another replica.
 */
@Singleton
class ExecutionEnds {

    private final ConcurrentMap<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    /** Called after the commit that settled {@code executionId}. */
    void settled(String executionId) {
        CountDownLatch latch = waiting.remove(executionId);
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * The latch {@link #settled} opens for {@code executionId}; take it <em>before</em> reading the
     * stored state, so an end committed in between is not missed.
     */
    CountDownLatch latch(String executionId) {
        return waiting.computeIfAbsent(executionId, id -> new CountDownLatch(1));
    }

    /** Forgets the latch of a waiter that gives up, unless another end already replaced it. */
    void forget(String executionId, CountDownLatch latch) {
        waiting.remove(executionId, latch);
    }
}
