package io.carapulse.core.events;

import io.carapulse.api.dto.ExecutionEventView;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * The followers of one execution on this replica and the one reader that serves them. Every read of
 * the hub runs as a task of its own serial queue, so a follower's catch-up and the reads that commit
 * signals cause never interleave: a follower joins, reads what was stored after its cursor, and from
 * then on is handed every batch the hub reads after its high-water mark. Followers drop what they
 * already have, so overlapping reads never repeat an event.
 */
final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final int BATCH = 500;

    private final String executionId;
    private final EventReader events;
    private final Executor executor;
    private final Set<Follower> followers = new CopyOnWriteArraySet<>();
    private final Queue<Follower> joining = new ArrayDeque<>();
    /** Every event up to this seq has been handed to every follower present when it was read. */
    private long highWater = -1;
    private long signalled = -1;
    private boolean running;

    EventHub(String executionId, EventReader events, Executor executor) {
        this.executionId = executionId;
        this.events = events;
        this.executor = executor;
    }

    void add(Follower f) {
        followers.add(f);
    }

    void remove(Follower f) {
        followers.remove(f);
    }

    boolean isEmpty() {
        return followers.isEmpty();
    }

    /** Ends every follower's stream where it is (the replica is stopping; clients resume elsewhere). */
    void release() {
        followers.forEach(Follower::release);
    }

    /** Reads what was stored after the follower's cursor, then keeps it served. */
    void catchUp(Follower f) {
        synchronized (this) {
            joining.add(f);
        }
        schedule();
    }

    /** An event up to {@code seq} committed: read it unless it was read already. */
    void signal(long seq) {
        synchronized (this) {
            if (seq <= highWater || seq <= signalled) {
                return;
            }
            signalled = seq;
        }
        schedule();
    }

    private void schedule() {
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        try {
            while (true) {
                Follower joiner;
                long wanted;
                synchronized (this) {
                    joiner = joining.poll();
                    wanted = signalled;
                    if (joiner == null && wanted <= highWater) {
                        running = false;
                        return;
                    }
                }
                if (joiner != null) {
                    join(joiner);
                } else {
                    readAfter(highWater(), wanted);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the events of execution {}: {}", executionId, e.toString());
            synchronized (this) {
                running = false;
            }
            followers.forEach(f -> f.fail(e));
        }
    }

    /** A joining follower reads from its own cursor; what lies beyond the high-water goes to everyone. */
    private void join(Follower f) {
        long from = highWater() < 0 ? f.cursor() : Math.min(f.cursor(), highWater());
        if (highWater() < 0) {
            setHighWater(f.cursor());
        }
        List<ExecutionEventView> batch;
        do {
            batch = events.after(executionId, from, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            f.deliver(batch);
            long last = batch.get(batch.size() - 1).seq();
            if (last > highWater()) {
                List<ExecutionEventView> fresh = batch.stream().filter(e -> e.seq() > highWater()).toList();
                setHighWater(last);
                followers.stream().filter(o -> o != f).forEach(o -> o.deliver(fresh));
            }
            from = last;
        } while (batch.size() == BATCH);
    }

    private void readAfter(long from, long wanted) {
        List<ExecutionEventView> batch;
        do {
            batch = events.after(executionId, from, BATCH);
            if (batch.isEmpty()) {
                synchronized (this) {
                    // all there is has been read (a resynchronisation asks for "anything new"): the
                    // signal is answered, unless another one came in while we read
                    if (signalled == wanted) {
                        signalled = highWater;
                    }
                }
                return;
            }
            long last = batch.get(batch.size() - 1).seq();
            setHighWater(last);
            List<ExecutionEventView> out = batch;
            followers.forEach(f -> f.deliver(out));
            from = last;
        } while (batch.size() == BATCH);
    }

    private synchronized long highWater() {
        return highWater;
    }

    private synchronized void setHighWater(long seq) {
        highWater = Math.max(highWater, seq);
    }

    /** One SSE client: its cursor and its sink. */
    static final class Follower {

        private final FluxSink<ExecutionEventView> sink;
        private long cursor;
        private boolean done;

        Follower(long afterSeq, FluxSink<ExecutionEventView> sink) {
            this.cursor = afterSeq;
            this.sink = sink;
        }

        synchronized long cursor() {
            return cursor;
        }

        /** Emits the events after the cursor, in order; completes after the terminal one. */
        synchronized void deliver(List<ExecutionEventView> batch) {
            for (ExecutionEventView e : batch) {
                if (done || e.seq() <= cursor) {
                    continue;
                }
                cursor = e.seq();
                sink.next(e);
                if (EventLog.EXECUTION_FINISHED.equals(e.type())) {
                    done = true;
                    sink.complete();
                }
            }
        }

        /** Ends the stream without the terminal event: the client resumes from its cursor, elsewhere. */
        synchronized void release() {
            if (!done) {
                done = true;
                sink.complete();
            }
        }

        synchronized void fail(RuntimeException e) {
            if (!done) {
                done = true;
                sink.error(e);
            }
        }
    }
}
