package io.carapulse.core.broker.connection;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The connection tables on a real PostgreSQL. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresConnectionRowsTest extends ConnectionRowsContract {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.putAll(PostgresFixture.newDatabase().datasourceProperties());
        return p;
    }
}
