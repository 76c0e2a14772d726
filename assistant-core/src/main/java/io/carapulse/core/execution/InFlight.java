package io.carapulse.core.execution;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps running on this replica, so a cancel request received here reaches its call at once;
 * cancel requests received by another replica arrive through the database flag.
 */
@Singleton
class InFlight {

    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

    void register(String executionId, Cancellation signal) {
        running.put(executionId, signal);
    }

    void unregister(String executionId, Cancellation signal) {
        running.remove(executionId, signal);
    }

    /** Signals the execution's in-flight call if it runs here; returns whether it did. */
    boolean cancel(String executionId) {
        Cancellation c = running.get(executionId);
        if (c == null) {
            return false;
        }
        c.cancel();
        return true;
    }
}
