package io.carapulse.core.broker;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * The secret store on a real PostgreSQL; the dump is every column of every table, cast to text, and every file
 * of the server's data directory after a checkpoint (tables, indexes, the write-ahead log) that holds the canary.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSecretStoreTest extends SecretStoreContract {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.putAll(PostgresFixture.newDatabase().datasourceProperties());
        return p;
    }

    @Override
    String dump() {
        return tx.executeRead(s -> {
            List<String[]> columns = jdbc.prepareStatement("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position", ps -> {
                        List<String[]> c = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                c.add(new String[] {rs.getString(1), rs.getString(2)});
                            }
                        }
                        return c;
                    });
            StringBuilder all = new StringBuilder();
            for (String[] c : columns) {
                // names come from the catalogue; quoted as identifiers
                jdbc.prepareStatement("SELECT CAST(\"" + c[1] + "\" AS TEXT) FROM \"" + c[0] + "\"", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            all.append(rs.getString(1)).append('\n');
                        }
                    }
                    return null;
                });
            }
            all.append(filesHolding(CANARY));
            return all.toString();
        });
    }

    /**
     * The files of the data directory whose bytes hold {@code text}, each named with {@code text} after it. The server
     * keeps running while it is read, so a file it removes meanwhile (a relation cache init file, a temporary one) is
     * passed over, not an error.
     */
    private static String filesHolding(String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder found = new StringBuilder();
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        try {
            java.nio.file.Files.walkFileTree(PostgresFixture.checkpointedDataDirectory(),
                    new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult visitFile(java.nio.file.Path f,
                                                                        java.nio.file.attribute.BasicFileAttributes a) {
                            if (a.isRegularFile()) {
                                try {
                                    byte[] bytes = java.nio.file.Files.readAllBytes(f);
                                    read.incrementAndGet();
                                    if (indexOf(bytes, needle) >= 0) {
                                        found.append("file ").append(f).append(" holds ").append(text).append('\n');
                                    }
                                } catch (java.io.IOException gone) {
                                    // removed while walking
                                }
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path f, java.io.IOException e) {
                            return java.nio.file.FileVisitResult.CONTINUE; // removed between listing and reading
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (read.get() < 100) { // a cluster has hundreds of files: fewer means the search did not look
            throw new IllegalStateException("read only " + read.get() + " files of the data directory");
        }
        return found.toString();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
