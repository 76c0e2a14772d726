package io.carapulse.core.lifecycle;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The whole lifecycle matrix again on a real PostgreSQL: locking, constraints and timestamps differ. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLifecycleMatrixTest extends LifecycleMatrixTest implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }
}
