package io.carapulse.tools.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: an argv array (never a shell line, S5) and the environment a credential lease adds.
 * Built with {@link #of(List, Duration)} and the {@code with...} methods; every instance is valid.
 *
 * @param argv           the command; {@code argv[0]} is the absolute path of the binary, every other
 *                       element reaches the program as exactly one argument, uninterpreted
 * @param env            variables added on top of the scrubbed base environment (usually the lease's
 *                       {@code env()}); they win over the base
 * @param timeout        how long the process may run before its whole tree is killed
 * @param maxStoredBytes how many bytes of each stream (after redaction) are kept in the outcome
 * @param workDir        the working directory and {@code HOME}, or {@code null} for a fresh private
 *                       temp directory that is deleted afterwards; a given directory is left alone
 * @param stdin          bytes written to the process's standard input, or {@code null} for none
 */
public record ProcessSpec(
        List<String> argv,
        Map<String, String> env,
        Duration timeout,
        long maxStoredBytes,
        Path workDir,
        byte[] stdin) {

    /** The default cap on what is stored of each stream: 1 MiB. */
    public static final long DEFAULT_MAX_STORED_BYTES = 1024 * 1024;

    /**
     * @throws IllegalArgumentException on an empty argv, a null or NUL-containing element, a relative
     *                                  {@code argv[0]}, a non-positive timeout or cap, a bad env entry
     */
    public ProcessSpec {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name at least the binary");
        }
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg == null) {
                throw new IllegalArgumentException("argv[" + i + "] is null");
            }
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argv[" + i + "] contains a NUL character");
            }
        }
        argv = List.copyOf(argv);
        if (!Path.of(argv.get(0)).isAbsolute()) {
            throw new IllegalArgumentException("argv[0] must be the absolute path of the binary: " + argv.get(0));
        }
        env = copyEnv(env);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxStoredBytes <= 0) {
            throw new IllegalArgumentException("maxStoredBytes must be positive: " + maxStoredBytes);
        }
        if (workDir != null && !workDir.isAbsolute()) {
            throw new IllegalArgumentException("workDir must be absolute: " + workDir);
        }
        stdin = stdin == null ? null : stdin.clone();
    }

    /** A spec with no extra environment, the default cap, a fresh private work dir and no stdin. */
    public static ProcessSpec of(List<String> argv, Duration timeout) {
        return new ProcessSpec(argv, Map.of(), timeout, DEFAULT_MAX_STORED_BYTES, null, null);
    }

    /** This spec with {@code extra} added to its environment (later entries win). */
    public ProcessSpec withEnv(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        merged.putAll(extra);
        return new ProcessSpec(argv, merged, timeout, maxStoredBytes, workDir, stdin);
    }

    /** This spec with another cap on the stored bytes of each stream. */
    public ProcessSpec withMaxStoredBytes(long bytes) {
        return new ProcessSpec(argv, env, timeout, bytes, workDir, stdin);
    }

    /** This spec running in {@code dir}, which the runner will not delete. */
    public ProcessSpec withWorkDir(Path dir) {
        return new ProcessSpec(argv, env, timeout, maxStoredBytes, dir, stdin);
    }

    /** This spec feeding {@code bytes} to standard input. */
    public ProcessSpec withStdin(byte[] bytes) {
        return new ProcessSpec(argv, env, timeout, maxStoredBytes, workDir, bytes);
    }

    /** A copy of the stdin bytes, or {@code null}. */
    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    /** Environment values are credentials: only the names are shown. */
    @Override
    public String toString() {
        return "ProcessSpec[argv0=" + argv.get(0) + ", args=" + (argv.size() - 1) + ", env=" + env.keySet()
                + ", timeout=" + timeout + ", maxStoredBytes=" + maxStoredBytes + ", workDir=" + workDir
                + ", stdin=" + (stdin == null ? "none" : stdin.length + " bytes") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessSpec s && argv.equals(s.argv) && env.equals(s.env) && timeout.equals(s.timeout)
                && maxStoredBytes == s.maxStoredBytes && Objects.equals(workDir, s.workDir)
                && Arrays.equals(stdin, s.stdin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, env, timeout, maxStoredBytes, workDir, Arrays.hashCode(stdin));
    }

    private static Map<String, String> copyEnv(Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: " + k);
            }
            if (v == null || v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid value for environment variable " + k);
            }
            copy.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
