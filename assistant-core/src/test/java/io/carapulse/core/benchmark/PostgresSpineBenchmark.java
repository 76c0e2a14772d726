package io.carapulse.core.benchmark;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The spine benchmark on a real PostgreSQL (embedded binaries, default settings, same machine). */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSpineBenchmark extends SpineBenchmark implements TestPropertyProvider {

    @Override
    String database() {
        return "postgresql";
    }

    @Override
    public Map<String, String> getProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }
}
