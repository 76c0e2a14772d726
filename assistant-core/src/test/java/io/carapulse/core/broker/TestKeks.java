package io.carapulse.core.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * Local key encryption keys for tests: a temporary file holding the base64 of 32 bytes, as
 * {@code carapulse.broker.key-encryption-key: file:<path>} reads it. Deleted when the JVM exits.
 */
public final class TestKeks {

    private TestKeks() {
    }

    /** A file holding the key derived from {@code seed} (the same seed, the same key). */
    public static String file(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return file(key).toString();
    }

    /** A file holding {@code key}. */
    public static Path file(byte[] key) {
        try {
            Path file = Files.createTempFile("carapulse-kek", ".b64");
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
