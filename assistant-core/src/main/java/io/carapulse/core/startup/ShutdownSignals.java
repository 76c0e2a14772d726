package io.carapulse.core.startup;

import io.carapulse.core.events.EventFeed;
import io.carapulse.core.execution.ExecutionScheduler;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A graceful stop on SIGTERM (a rolling update, {@code docker stop}, {@code kubectl delete pod}) and
 * on Ctrl-C: the replica keeps serving HTTP but reports not ready, claims no execution, lets each
 * step running here finish (an execution then goes on on another replica from its next step), ends
 * its live event streams so their clients resume elsewhere, and only then stops, at the latest when
 * {@code carapulse.shutdown.grace-period} ends. A step still running then is interrupted and recovery
 * treats it as after a crash (S10: a write's outcome is UNKNOWN and its execution HELD). A second
 * signal stops at once.
 *
 * <p>Micronaut's own shutdown hook closes the HTTP server first and cannot wait for steps, so the
 * signal is taken before it: the hook runs after the drain, through {@link System#exit}.
 */
public final class ShutdownSignals {

    /** What a process stopped by SIGTERM exits with (128 + 15), as the JVM's default handler would. */
    static final int EXIT_STATUS = 143;
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private final ExecutionScheduler scheduler;
    private final EventFeed feed;
    private final Duration grace;
    private final AtomicBoolean stopping = new AtomicBoolean();

    ShutdownSignals(ExecutionScheduler scheduler, EventFeed feed, Duration grace) {
        this.scheduler = scheduler;
        this.feed = feed;
        this.grace = grace;
    }

    /** Takes SIGTERM and SIGINT for the server in {@code context}. */
    public static void install(ApplicationContext context) {
        Duration grace = context.getProperty("carapulse.shutdown.grace-period", Duration.class)
                .orElse(Duration.ofSeconds(30));
        ShutdownSignals signals = new ShutdownSignals(context.getBean(ExecutionScheduler.class),
                context.getBean(EventFeed.class), grace);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> signals.received("SIG" + s.getName()));
        }
    }

    void received(String signal) {
        if (!stopping.compareAndSet(false, true)) {
            LOG.warn("{} again: stopping now", signal);
            new Thread(() -> System.exit(EXIT_STATUS), "carapulse-stop-now").start();
            return;
        }
        Thread t = new Thread(() -> {
            drain(signal);
            System.exit(EXIT_STATUS);
        }, "carapulse-drain");
        t.start();
    }

    /** Drains within the grace period; returns when nothing runs here or the period is over. */
    void drain(String signal) {
        long started = System.nanoTime();
        LOG.info("{}: stopping; not ready from now on; steps running here may finish within {}s (a second"
                + " signal stops at once)", signal, grace.toSeconds());
        try {
            scheduler.drain().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("drained in {} ms: no step runs here", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (TimeoutException e) {
            LOG.warn("the grace period ({}s) is over with {} execution(s) still running here: their steps are"
                    + " interrupted, and another replica's recovery decides (a write's outcome becomes unknown)",
                    grace.toSeconds(), scheduler.runningHere());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("draining failed: {}", e.getCause().toString());
        }
        feed.release();
    }
}
