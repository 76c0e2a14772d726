package io.carapulse.core.retention;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Retention on a real PostgreSQL (embedded binaries from Maven Central). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRetentionTest extends RetentionContract {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.putAll(PostgresFixture.newDatabase().datasourceProperties());
        return properties;
    }
}
