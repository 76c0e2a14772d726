package io.carapulse.core.events;

import io.carapulse.api.dto.ExecutionEventView;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Live execution events for the followers on this replica, pushed as their transactions commit
 * instead of polled. A commit on this replica signals the feed directly ({@link EventLog}); one on
 * another replica arrives through the database's change feed ({@link PostgresEventListener}). For
 * each followed execution one {@link EventHub} reads the new events once and hands them to every
 * follower, so the database is read once per batch per replica, not once per follower per poll; a
 * follower of a quiet or held execution costs nothing until something commits.
 *
 * <p>Should the change feed be down (its connection lost), hubs fall back to reading every
 * {@code carapulse.events.fallback-poll} until it is back, and read once more when it returns, so no
 * event is lost while it was away.
 */
@Singleton
public class EventFeed {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

    private final EventReader events;
    private final ConcurrentMap<String, EventHub> hubs = new ConcurrentHashMap<>();
    private final ExecutorService readers;
    private final ScheduledExecutorService fallback;
    private volatile boolean changeFeedHealthy = true;
    private volatile boolean changeFeedConnectedOnce;

    @Inject
    public EventFeed(EventLog events, @Value("${carapulse.events.fallback-poll:1s}") Duration fallbackPoll) {
        this((EventReader) events, fallbackPoll);
    }

    EventFeed(EventReader events, Duration fallbackPoll) {
        this.events = events;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(2, r -> daemon(r, "carapulse-events-" + n.incrementAndGet()));
        this.fallback = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "carapulse-events-fallback"));
        long every = Math.max(50, fallbackPoll.toMillis());
        fallback.scheduleWithFixedDelay(this::pollWhileFeedIsDown, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The events of {@code executionId} after {@code afterSeq}, first those stored, then each as it
     * commits; completes after {@link EventLog#EXECUTION_FINISHED}.
     */
    public Flux<ExecutionEventView> follow(String executionId, long afterSeq) {
        return Flux.create(sink -> {
            EventHub.Follower follower = new EventHub.Follower(afterSeq, sink);
            EventHub hub = hubs.compute(executionId, (id, h) -> {
                EventHub joined = h == null ? new EventHub(id, events, readers) : h;
                joined.add(follower);
                return joined;
            });
            sink.onDispose(() -> leave(executionId, hub, follower));
            hub.catchUp(follower);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** Called once the transaction that stored event {@code seq} of {@code executionId} committed. */
    public void committed(String executionId, long seq) {
        EventHub hub = hubs.get(executionId);
        if (hub != null) {
            hub.signal(seq);
        }
    }

    /** Every hub reads again: after the change feed reconnected, events may have committed meanwhile. */
    public void resynchronise() {
        hubs.values().forEach(h -> h.signal(Long.MAX_VALUE));
    }

    /** Whether commits on other replicas reach this one now; while not, hubs poll. */
    public void changeFeedHealthy(boolean healthy) {
        if (healthy && !changeFeedHealthy) {
            if (changeFeedConnectedOnce) {
                LOG.info("event change feed is back: live events are pushed again");
            }
            changeFeedConnectedOnce = true;
            changeFeedHealthy = true;
            resynchronise();
        } else if (!healthy && changeFeedHealthy) {
            if (changeFeedConnectedOnce) {
                LOG.warn("event change feed is down: followers poll the database until it is back");
            }
            changeFeedHealthy = false;
        }
    }

    /**
     * Ends every live stream on this replica without its terminal event, for a replica that is about
     * to stop: each client resumes with {@code Last-Event-ID} on another replica, losing nothing.
     */
    public void release() {
        hubs.values().forEach(EventHub::release);
    }

    /** Executions followed on this replica right now (for tests and metrics). */
    public int followedExecutions() {
        return hubs.size();
    }

    private void pollWhileFeedIsDown() {
        if (!changeFeedHealthy) {
            resynchronise();
        }
    }

    private void leave(String executionId, EventHub hub, EventHub.Follower follower) {
        hubs.computeIfPresent(executionId, (id, h) -> {
            if (h != hub) {
                return h;
            }
            h.remove(follower);
            return h.isEmpty() ? null : h;
        });
    }

    @PreDestroy
    void close() {
        fallback.shutdownNow();
        readers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
