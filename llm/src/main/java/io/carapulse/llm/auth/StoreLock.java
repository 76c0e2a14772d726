package io.carapulse.llm.auth;

import io.carapulse.api.llm.LlmException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token sink's writer lock: an exclusive {@link FileLock} on a sibling {@code .lock} file
 * against other processes, and a {@link ReentrantLock} per lock file against other threads of this
 * JVM (a file lock is held by the whole JVM, and a second {@code lock()} on the same file from this
 * JVM would throw {@link java.nio.channels.OverlappingFileLockException}). The lock file is never
 * deleted: deleting it would let two processes lock two different files.
 */
final class StoreLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 25;

    private final Path lockFile;
    private final Duration timeout;

    StoreLock(Path storeFile, Duration timeout) {
        this.lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        this.timeout = timeout;
    }

    /** Held until {@link #close()}; not reentrant across nested {@link #acquire()} calls of one thread. */
    final class Held implements AutoCloseable {
        private final ReentrantLock threads;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(ReentrantLock threads, FileChannel channel, FileLock lock) {
            this.threads = threads;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            } finally {
                threads.unlock();
            }
        }
    }

    Held acquire() {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock threads;
        try {
            SecureFiles.createFileIfMissing(lockFile);
            threads = IN_JVM.computeIfAbsent(lockFile.toRealPath(), p -> new ReentrantLock());
        } catch (IOException e) {
            throw unavailable("could not create the lock file " + lockFile, e);
        }
        if (threads.isHeldByCurrentThread()) {
            throw new IllegalStateException("the auth profile lock is not reentrant");
        }
        try {
            if (!threads.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw unavailable("another thread held the auth profile lock " + lockFile + " for over " + timeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the auth profile lock", e);
        }
        boolean held = false;
        try {
            Held result = lockFile(deadline, threads);
            held = true;
            return result;
        } finally {
            if (!held) {
                threads.unlock();
            }
        }
    }

    /** The cross-process half, polled so that a stuck holder ends in a clear error instead of a hang. */
    private Held lockFile(long deadline, ReentrantLock threads) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw unavailable("another process held the auth profile lock " + lockFile + " for over "
                            + timeout, null);
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new Held(threads, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw unavailable("could not lock " + lockFile, e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the auth profile lock", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was locked through it
            }
        }
    }

    private static LlmException.Unavailable unavailable(String message, Throwable cause) {
        return new LlmException.Unavailable(message, cause);
    }
}
