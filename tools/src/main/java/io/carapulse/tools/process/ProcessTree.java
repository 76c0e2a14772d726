package io.carapulse.tools.process;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills a process and everything it started: the descendants first (so none is re-parented and
 * escapes while its parent dies), then the process itself, all with SIGKILL. Kills at most once, and
 * never after {@link #finished()} was called, so a late cancellation cannot hit a recycled PID.
 */
final class ProcessTree {

    private final Process process;
    private final AtomicBoolean killed = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();

    ProcessTree(Process process) {
        this.process = process;
    }

    /** Kills the tree unless it already ended; returns whether this call did the killing. */
    synchronized boolean kill() {
        if (finished.get() || !process.isAlive() || !killed.compareAndSet(false, true)) {
            return false;
        }
        // snapshot and kill the descendants while the process still holds them together (once it
        // dies they are re-parented and no longer found); repeat in case one forked meanwhile
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        return true;
    }

    /** Whether {@link #kill()} has killed the tree. */
    boolean killed() {
        return killed.get();
    }

    /** Marks the process as reaped; later kills do nothing. */
    synchronized void finished() {
        finished.set(true);
    }
}
