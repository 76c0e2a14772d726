package io.carapulse.core.load;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link LockTimeoutContract} on a real PostgreSQL, where a lock timeout is SQLState 55P03. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "datasources.default.connection-init-sql", value = "SET LOCK_TIMEOUT = 300")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLockTimeoutTest extends LockTimeoutContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }
}
