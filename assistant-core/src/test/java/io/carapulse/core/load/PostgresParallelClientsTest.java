package io.carapulse.core.load;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link ParallelClientsContract} on a real PostgreSQL: the same lock-timeout statement works there too. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresParallelClientsTest extends ParallelClientsContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }
}
