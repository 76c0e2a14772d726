package io.carapulse.llm.auth;

import io.carapulse.api.llm.LlmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The token sink: {@code ~/.carapulse/auth-profiles.json}, the one place a rotating refresh token
 * lives. Reads need no lock (every write is an atomic rename, so a reader sees a whole file); every
 * change happens in {@link #update}, which holds the cross-process lock, re-reads the file, applies
 * the change and writes the result atomically with mode 0600. Safe to use from many threads and
 * processes at once.
 */
public final class ProfileStore {

    /** How long a writer waits for another to finish before giving up (a refresh takes a second or two). */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final Path file;
    private final StoreLock lock;

    public ProfileStore(Path file) {
        this(file, DEFAULT_LOCK_TIMEOUT);
    }

    public ProfileStore(Path file, Duration lockTimeout) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.lock = new StoreLock(this.file, lockTimeout);
    }

    /** The store at {@code $CARAPULSE_AUTH_PATH} or {@code ~/.carapulse/auth-profiles.json}. */
    public static ProfileStore at(AuthEnv env) {
        return new ProfileStore(env.authProfilesPath());
    }

    public Path path() {
        return file;
    }

    /**
     * The profiles as they are on disk now; a missing file is an empty store.
     *
     * @throws LlmException.NotConfigured when the file is unreadable or not a valid profile file; the
     *                                    message names the file and the place, never its content
     */
    public AuthProfiles read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return AuthProfiles.EMPTY;
        } catch (IOException e) {
            throw new LlmException.NotConfigured("cannot read the auth profile file " + file + ": "
                    + e.getClass().getSimpleName());
        }
        try {
            return ProfileJson.read(bytes);
        } catch (ProfileJson.InvalidFormat e) {
            throw new LlmException.NotConfigured("the auth profile file " + file + " is corrupt: " + e.getMessage()
                    + ". Fix it, or move it away and import your credentials again (assistantctl llm auth import …)");
        }
    }

    /** The result of a change: the profiles to write (or the same instance to write nothing) and a value. */
    public record Change<T>(AuthProfiles next, T result) {
    }

    /**
     * Changes the store as one step against every other writer: takes the lock, re-reads the file,
     * applies {@code change} to what is on disk now, writes the result if it differs, releases the
     * lock. {@code change} runs under the lock, so it may do slow work that must not overlap with
     * another writer (a token refresh); it must not call {@code update} itself.
     *
     * @throws LlmException.Unavailable   when the lock is not free within the timeout or the write fails
     * @throws LlmException.NotConfigured when the file on disk is corrupt (it is then left untouched)
     */
    public <T> T update(Function<AuthProfiles, Change<T>> change) {
        try (StoreLock.Held held = lock.acquire()) {
            AuthProfiles current = read();
            Change<T> outcome = change.apply(current);
            if (outcome.next() != current && !outcome.next().equals(current)) {
                write(outcome.next());
            }
            return outcome.result();
        }
    }

    private void write(AuthProfiles profiles) {
        try {
            SecureFiles.writeAtomically(file, ProfileJson.write(profiles));
        } catch (IOException e) {
            throw new LlmException.Unavailable("could not write the auth profile file " + file + ": " + e.getMessage(), e);
        }
    }
}
