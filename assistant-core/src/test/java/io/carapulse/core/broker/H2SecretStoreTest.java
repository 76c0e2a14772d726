package io.carapulse.core.broker;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;

/** The secret store on an H2 file database, the default deployment; the dump is the raw bytes of its files. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SecretStoreTest extends SecretStoreContract {

    private Path directory;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        try {
            directory = Files.createTempDirectory("carapulse-h2-broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.put("datasources.default.url", "jdbc:h2:file:" + directory.resolve("carapulse")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return p;
    }

    @Override
    String dump() {
        tx.executeWrite(s -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                // one char per byte, so any ASCII or UTF-8 sequence in the file shows as itself
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
