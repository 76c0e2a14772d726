package io.carapulse.core.broker;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The secret store on a real PostgreSQL; the dump is every column of every table, cast to text. */
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
            return all.toString();
        });
    }
}
