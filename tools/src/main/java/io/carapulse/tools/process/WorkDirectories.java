package io.carapulse.tools.process;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private working directories of calls, one made ahead of need: a call takes a directory made
 * while the previous call ran instead of waiting for the disk, and the next one is made in the
 * background. Each is still used once: fresh, empty, mode 0700, removed by the call that took it.
 * What was made ahead and never taken is removed by {@link #close()}.
 */
final class WorkDirectories implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectories.class);

    private final Executor background;
    private final Supplier<PrivateDirectory> factory;
    private final Queue<PrivateDirectory> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean making = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param background where the next directory is made
     * @param factory    makes one directory
     */
    WorkDirectories(Executor background, Supplier<PrivateDirectory> factory) {
        this.background = background;
        this.factory = factory;
    }

    /** A fresh directory for one call; the caller closes it. */
    PrivateDirectory take() {
        PrivateDirectory d;
        while ((d = ready.poll()) != null) {
            if (Files.isDirectory(d.path(), LinkOption.NOFOLLOW_LINKS)) {
                makeNext();
                return d;
            }
            d.close(); // removed while it waited (a temp cleaner): never hand out a path that is gone
        }
        makeNext();
        return factory.get();
    }

    private void makeNext() {
        if (closed || !making.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    if (!closed && ready.isEmpty()) {
                        ready.add(factory.get());
                    }
                } catch (RuntimeException e) {
                    LOG.debug("no working directory made ahead: {}", e.toString());
                } finally {
                    making.set(false);
                    if (closed) {
                        removeReady();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            making.set(false);
        }
    }

    /** Removes the directories made ahead; later calls make their own. */
    @Override
    public void close() {
        closed = true;
        removeReady();
    }

    private void removeReady() {
        PrivateDirectory d;
        while ((d = ready.poll()) != null) {
            d.close();
        }
    }
}
