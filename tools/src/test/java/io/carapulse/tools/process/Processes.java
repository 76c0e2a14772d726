package io.carapulse.tools.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers for tests that run real processes. */
final class Processes {

    static final String SH = "/bin/sh";

    private Processes() {
    }

    /**
     * Whether {@code pid} is a live process. A killed child whose parent died can linger as a zombie
     * when the container's PID 1 does not reap: it runs nothing, so it counts as dead.
     */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds or {@code within} passes; returns whether it held. */
    static boolean eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
