package io.carapulse.tools.binary;

import io.carapulse.config.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds a CLI binary: the configured absolute path when one is given, otherwise the first executable
 * file of that name in the server's {@code PATH} (relative entries such as {@code .} are skipped: the
 * working directory decides nothing). Answers are cached per name for {@link #CACHE_TTL}, so a binary
 * installed or removed while the server runs is noticed within a minute. Thread-safe.
 */
@Singleton
public final class BinaryLocator {

    /** How long an answer is reused. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(1);

    private final String searchPath;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    /** A locator searching this server's {@code PATH}. */
    @Inject
    public BinaryLocator() {
        this(Objects.requireNonNullElse(System.getenv("PATH"), ""), Clock.systemUTC());
    }

    /**
     * A locator searching {@code searchPath} (entries separated by {@link File#pathSeparator}) and
     * timing its cache with {@code clock}.
     */
    public BinaryLocator(String searchPath, Clock clock) {
        this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Where {@code name} is.
     *
     * @param name       the binary's file name, e.g. {@code kubectl}
     * @param configured an operator-configured path ({@code carapulse.tools.<tool>.binary}); when
     *                   present it is the only candidate
     * @return the binary's absolute path, or empty when it is not on the {@code PATH}
     * @throws ConfigurationException when {@code configured} is relative, missing or not executable:
     *                                a configured binary that is not there is an error, not a fallback
     */
    public Optional<Path> locate(String name, Optional<Path> configured) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains(File.pathSeparator)) {
            throw new IllegalArgumentException("a binary name is a plain file name: " + name);
        }
        if (configured.isPresent()) {
            return Optional.of(checkConfigured(name, configured.get()));
        }
        Instant now = clock.instant();
        Cached hit = cache.get(name);
        if (hit != null && now.isBefore(hit.expires())) {
            return hit.path();
        }
        Optional<Path> found = searchPath(name);
        cache.put(name, new Cached(found, now.plus(CACHE_TTL)));
        return found;
    }

    private static Path checkConfigured(String name, Path path) {
        if (!path.isAbsolute()) {
            throw new ConfigurationException("the configured binary for " + name + " must be an absolute path, not "
                    + path + " (carapulse.tools.<tool>.binary)");
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new ConfigurationException("the configured binary for " + name + ", " + path
                    + ", is not an executable file (carapulse.tools.<tool>.binary)");
        }
        return path.normalize();
    }

    private Optional<Path> searchPath(String name) {
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path dir = Path.of(entry);
                if (!dir.isAbsolute()) {
                    continue;
                }
                Path candidate = dir.resolve(name).normalize();
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // a malformed PATH entry names nothing
            }
        }
        return Optional.empty();
    }

    private record Cached(Optional<Path> path, Instant expires) {
    }
}
