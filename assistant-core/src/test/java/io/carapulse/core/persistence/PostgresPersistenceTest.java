package io.carapulse.core.persistence;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The persistence contract on a real PostgreSQL (embedded binaries from Maven Central). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPersistenceTest extends PersistenceContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }
}
