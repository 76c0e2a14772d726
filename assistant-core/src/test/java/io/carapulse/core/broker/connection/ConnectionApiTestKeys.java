package io.carapulse.core.broker.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A local key encryption key for the connection tests. */
final class ConnectionApiTestKeys {

    static final String FILE = create();

    private ConnectionApiTestKeys() {
    }

    private static String create() {
        try {
            byte[] key = new byte[32];
            new java.util.Random(21).nextBytes(key);
            Path file = Files.createTempFile("carapulse-kek", ".b64");
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
