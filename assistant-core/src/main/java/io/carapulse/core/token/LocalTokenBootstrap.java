package io.carapulse.core.token;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure {@code ${carapulse.home}/token} holds a working admin token when the server starts, so
 * that {@code assistantctl} on the same machine works without any set-up. The file is readable by
 * its owner only; the token is never logged.
 */
@Singleton
@Requires(property = "carapulse.bootstrap.local-token", value = "true")
public class LocalTokenBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTokenBootstrap.class);

    private final TokenService tokens;
    private final Path home;

    public LocalTokenBootstrap(TokenService tokens, @Value("${carapulse.home}") String home) {
        this.tokens = tokens;
        this.home = Path.of(home);
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        ensure();
    }

    /**
     * Keeps the token file when it authenticates as an active token; otherwise issues a new
     * {@code local-admin} token and replaces the file atomically.
     *
     * @return the token file
     */
    public Path ensure() {
        Path file = tokenFile();
        if (currentTokenWorks(file)) {
            LOG.debug("Local admin token at {} is valid", file);
            return file;
        }
        try {
            createPrivateDirectory(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home + " for the local admin token", e);
        }
        String id = tokens.issueLocalAdmin(token -> writeAtomically(file, token));
        LOG.info("Created local admin token {}; written to {} (mode 0600)", id, file);
        return file;
    }

    /** Where the local admin token lives: {@code ${carapulse.home}/token}. */
    public Path tokenFile() {
        return home.resolve("token");
    }

    private boolean currentTokenWorks(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return tokens.isActive(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); issuing a new local admin token", file, e.getClass().getSimpleName());
            return false;
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * Writes through a temp file in the same directory that is created 0600 (never world-readable,
     * not even for a moment) and moves it into place, so a reader sees the old token or the new one.
     */
    private static void writeAtomically(Path file, String token) {
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), ".token-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // the move keeps the temp file's mode; set it again in case a umask or ACL interfered
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the local admin token to " + file, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
        }
    }
}
