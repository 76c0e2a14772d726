package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step's output lines on their way to the event log. The stream readers only queue a line; the
 * step runner calls {@link #flush()} periodically, which writes the queue in one transaction, and
 * what is left when the step ends is written in the transaction that records the end, before its
 * {@code step.finished}. So a reader never waits for the database (nor wakes a thread), a burst of
 * lines costs one transaction, and the last lines of a short call add no commit of their own.
 *
 * <p>One writer at a time: seq numbers are taken and committed in the same order, so a follower
 * reading by seq never skips a line (two readers committing their own lines could). Lines arriving
 * after the end (from a reader abandoned at the deadline) are dropped.
 */
final class StepOutput {

    static final String EVENT = "step.output";
    private static final Logger LOG = LoggerFactory.getLogger(StepOutput.class);

    private final RunState state;
    private final TransactionOperations<Connection> tx;
    /** Held while lines are written, so writes and their commits never interleave. */
    private final Object writing = new Object();
    private final List<ObjectNode> queued = new ArrayList<>(); // guarded by this
    private boolean ended; // guarded by this

    StepOutput(RunState state, TransactionOperations<Connection> tx) {
        this.state = state;
        this.tx = tx;
    }

    /** Queues a line's event data; never blocks on the database. */
    synchronized void add(ObjectNode data) {
        if (!ended) {
            queued.add(data);
        }
    }

    /** Writes the queued lines in a transaction of their own; on failure they wait for the next write. */
    void flush() {
        synchronized (writing) {
            List<ObjectNode> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            try {
                tx.executeWrite(s -> {
                    batch.forEach(d -> state.event(EVENT, d));
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("writing {} output line(s) of execution {} failed; retried with the next lines: {}",
                        batch.size(), state.executionId, e.toString());
                synchronized (this) {
                    if (!ended) {
                        queued.addAll(0, batch);
                    }
                }
            }
        }
    }

    /**
     * Ends the stream: runs {@code end}, the transaction recording the step's end, which must call
     * {@link #writeRest()} before its own events; no flush runs meanwhile and later lines are dropped.
     */
    <T> T end(Supplier<T> end) {
        synchronized (writing) {
            synchronized (this) {
                ended = true;
            }
            return end.get();
        }
    }

    /** Writes the lines still queued, inside the transaction of {@link #end}. */
    void writeRest() {
        take().forEach(d -> state.event(EVENT, d));
    }

    private synchronized List<ObjectNode> take() {
        if (queued.isEmpty()) {
            return List.of();
        }
        List<ObjectNode> batch = new ArrayList<>(queued);
        queued.clear();
        return batch;
    }
}
