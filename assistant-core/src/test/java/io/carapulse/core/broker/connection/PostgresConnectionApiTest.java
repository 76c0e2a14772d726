package io.carapulse.core.broker.connection;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole connection flow on a real PostgreSQL: above all the row lock that keeps concurrent refreshes
 * to one. The canary checks cover answers, audit and log; the database-file bytes are checked on H2
 * ({@link ConnectionApiTest}), whose files this test can read.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresConnectionApiTest extends ConnectionApiTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.remove("datasources.default.url");
        p.putAll(PostgresFixture.newDatabase().datasourceProperties());
        return p;
    }

    @Override
    String dump() {
        return "";
    }
}
