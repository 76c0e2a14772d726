package io.carapulse.cli.output;

import java.io.PrintWriter;

/**
 * A one-line spinner on stderr while the CLI waits (an execution between events). Drawn only for a
 * person at a terminal; {@link #none()} otherwise, so piped output and logs never see it.
 */
public class Spinner implements AutoCloseable {

    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final PrintWriter err;
    private final Thread thread;
    private volatile String message;
    private boolean drawn;

    private Spinner(PrintWriter err, String message, boolean active) {
        this.err = err;
        this.message = message;
        this.thread = active ? new Thread(this::spin, "spinner") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    public static Spinner start(PrintWriter err, String message, boolean interactive) {
        return new Spinner(err, message, interactive);
    }

    public static Spinner none() {
        return new Spinner(null, "", false);
    }

    public void message(String text) {
        this.message = text;
    }

    /** Runs {@code print} with the spinner line cleared, so output never mixes with it. */
    public void around(Runnable print) {
        if (thread == null) {
            print.run();
            return;
        }
        synchronized (this) {
            clear();
            print.run();
        }
    }

    private void spin() {
        int i = 0;
        while (!Thread.currentThread().isInterrupted()) {
            synchronized (this) {
                err.print("\r\u001b[2K" + FRAMES.charAt(i++ % FRAMES.length()) + " " + message);
                err.flush();
                drawn = true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void clear() {
        if (drawn) {
            err.print("\r\u001b[2K");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            synchronized (this) {
                clear();
            }
        }
    }
}
