package io.carapulse.cli.support;

import java.io.Writer;
import java.time.Duration;

/** A writer another thread can watch: {@link #awaitContains} returns once the text shows up. */
public final class LiveWriter extends Writer {

    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int off, int len) {
        text.append(chars, off, len);
        notifyAll();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    public synchronized String text() {
        return text.toString();
    }

    /** Waits until the output contains {@code expected}; fails after {@code limit}. */
    public synchronized String awaitContains(String expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (text.indexOf(expected) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("'" + expected + "' did not appear; output so far:\n" + text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return text.toString();
    }
}
