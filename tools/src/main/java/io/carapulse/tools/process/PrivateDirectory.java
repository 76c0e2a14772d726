package io.carapulse.tools.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh temporary directory only the server user can enter (mode 0700), removed with everything
 * in it by {@link #close()}. One per call: a CLI's working directory and {@code HOME}, or the home of
 * a credential lease's files. {@link #close()} is idempotent and never throws; what it cannot remove
 * is logged.
 */
public final class PrivateDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateDirectory.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path path;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates a new directory under the JVM's temporary directory, mode 0700 from the start (there is
     * no moment at which others could enter it).
     *
     * @param prefix a short name that says what the directory is for, e.g. {@code carapulse-run-}
     * @throws UncheckedIOException when the directory cannot be created
     */
    public static PrivateDirectory create(String prefix) {
        try {
            return new PrivateDirectory(Files.createTempDirectory(prefix, OWNER_ONLY).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private temporary directory", e);
        }
    }

    /** The directory's absolute path. */
    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deleteTree(path);
        }
    }

    /**
     * Deletes {@code root} and everything below it, making read-only directories writable first (CLIs
     * such as Go-based ones leave read-only caches). Failures are logged, never thrown.
     */
    static void deleteTree(Path root) {
        try {
            // most calls leave their directory empty: one rmdir instead of a walk
            Files.delete(root);
            return;
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            // not empty (or not deletable as it is): walk it below
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete private directory {}: {}", root, e.toString());
        }
    }

    @Override
    public String toString() {
        return "PrivateDirectory[" + path + "]";
    }
}
