package io.carapulse.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.ExecutionEventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The feed against an in-memory event store: every follower sees every event once, in order, however
 * commits, signals and joins interleave; the store is read once per batch for all followers, and not
 * at all while nothing commits.
 */
class EventFeedTest {

    private final Store store = new Store();
    private final EventFeed feed = new EventFeed(store, Duration.ofMillis(50));

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void shouldDeliverEveryEventOnceAndInOrderToFollowersThatJoinAtAnyTime() throws Exception {
        String id = "exe_1";
        List<List<Long>> seen = new CopyOnWriteArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        int total = 400;
        for (long seq = 1; seq <= total; seq++) {
            if (seq % 20 == 1) { // a follower joins every 20 events, some resuming from an earlier seq
                List<Long> mine = new CopyOnWriteArrayList<>();
                seen.add(mine);
                long from = Math.max(0, seq - 1 - (seq % 3) * 5);
                mine.add(-from - 1); // marks where it started
                subscriptions.add(feed.follow(id, from).subscribe(e -> mine.add(e.seq())));
            }
            store.commit(id, seq, seq == total ? EventLog.EXECUTION_FINISHED : "step.output");
            feed.committed(id, seq);
        }
        waitUntil(() -> seen.stream().allMatch(s -> s.get(s.size() - 1) == total));
        for (List<Long> s : seen) {
            long from = -s.get(0) - 1;
            List<Long> expected = new ArrayList<>();
            for (long seq = from + 1; seq <= total; seq++) {
                expected.add(seq);
            }
            assertThat(s.subList(1, s.size())).as("follower from %d", from).containsExactlyElementsOf(expected);
        }
        subscriptions.forEach(Disposable::dispose);
        waitUntil(() -> feed.followedExecutions() == 0);
    }

    @Test
    void shouldReadTheStoreOncePerCommitForAllFollowersAndNeverWhileQuiet() throws Exception {
        String id = "exe_2";
        store.commit(id, 1, "execution.started");
        List<List<Long>> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<Long> mine = new CopyOnWriteArrayList<>();
            seen.add(mine);
            feed.follow(id, 0).subscribe(e -> mine.add(e.seq()));
        }
        waitUntil(() -> seen.stream().allMatch(s -> s.size() == 1));
        // a follower can be handed event 1 by another's catch-up read before its own catch-up read has run
        // (both queue on the feed's two reader threads): wait until those reads are done before counting
        int afterJoining = settledReads();

        Thread.sleep(300); // quiet: nothing commits, nothing is read
        assertThat(store.reads.get()).isEqualTo(afterJoining);

        for (long seq = 2; seq <= 11; seq++) {
            store.commit(id, seq, "step.output");
            feed.committed(id, seq);
            long last = seq;
            waitUntil(() -> seen.stream().allMatch(s -> s.get(s.size() - 1) == last));
        }
        // ten commits, fifty followers: at most a read (and a confirming empty read) per commit
        assertThat(store.reads.get() - afterJoining).isLessThanOrEqualTo(20);
        assertThat(seen).allSatisfy(s -> assertThat(s).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L));
    }

    @Test
    void shouldPollWhileTheChangeFeedIsDownAndCatchUpWhenItReturns() throws Exception {
        String id = "exe_3";
        List<Long> seen = new CopyOnWriteArrayList<>();
        feed.follow(id, 0).subscribe(e -> seen.add(e.seq()));
        feed.changeFeedHealthy(false);
        store.commit(id, 1, "execution.started"); // committed elsewhere, its notification lost
        waitUntil(() -> seen.equals(List.of(1L)));
        feed.changeFeedHealthy(true);
        store.commit(id, 2, "step.started"); // lost again, but the feed is healthy: found on resynchronise
        feed.resynchronise();
        waitUntil(() -> seen.equals(List.of(1L, 2L)));
    }

    @Test
    void shouldCompleteAFollowerThatJoinsAfterTheEnd() throws Exception {
        String id = "exe_4";
        store.commit(id, 1, "execution.started");
        store.commit(id, 2, EventLog.EXECUTION_FINISHED);
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        feed.follow(id, 1).subscribe(e -> seen.add(e.seq()), e -> { }, completed::incrementAndGet);
        waitUntil(() -> completed.get() == 1);
        assertThat(seen).containsExactly(2L);
        waitUntil(() -> feed.followedExecutions() == 0);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(5);
        }
    }

    /** Events by execution, as committed; counts reads. */
    private static final class Store implements EventReader {

        final AtomicInteger reads = new AtomicInteger();
        private final ConcurrentHashMap<String, List<ExecutionEventView>> byExecution = new ConcurrentHashMap<>();

        void commit(String id, long seq, String type) {
            byExecution.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                    .add(new ExecutionEventView(seq, type, Instant.now(), null));
        }

        @Override
        public List<ExecutionEventView> after(String executionId, long afterSeq, int limit) {
            reads.incrementAndGet();
            return byExecution.getOrDefault(executionId, List.of()).stream()
                    .filter(e -> e.seq() > afterSeq).limit(limit).toList();
        }
    }

    /** The store's read count once it has not moved for 200 ms (queued catch-up reads are done). */
    private int settledReads() throws InterruptedException {
        int before;
        int now = store.reads.get();
        do {
            before = now;
            Thread.sleep(200);
            now = store.reads.get();
        } while (now != before);
        return now;
    }
}
