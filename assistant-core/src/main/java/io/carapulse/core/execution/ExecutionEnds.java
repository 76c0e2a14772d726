package io.carapulse.core.execution;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands an execution, as the transaction that settled it (ended it, or held it) committed it, to the
 * threads of this replica waiting for that, the moment it commits. A waiter takes its future before
 * it reads the stored state, so no end slips in between; an end committed on another replica it
 * sees by reading again.
 */
@Singleton
class ExecutionEnds {

    private final ConcurrentMap<String, CompletableFuture<ExecutionEntity>> waiting = new ConcurrentHashMap<>();

    /** Called after the commit that stored {@code settled}. */
    void settled(ExecutionEntity settled) {
        CompletableFuture<ExecutionEntity> f = waiting.remove(settled.id());
        if (f != null) {
            f.complete(settled);
        }
    }

    /** Completes with the execution when {@link #settled} is called for it. */
    CompletableFuture<ExecutionEntity> watch(String executionId) {
        return waiting.computeIfAbsent(executionId, id -> new CompletableFuture<>());
    }

    /** Forgets a watch its waiter gave up, unless a later one replaced it. */
    void forget(String executionId, CompletableFuture<ExecutionEntity> watch) {
        waiting.remove(executionId, watch);
    }
}
