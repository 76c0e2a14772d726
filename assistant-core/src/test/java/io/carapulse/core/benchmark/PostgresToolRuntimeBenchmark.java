package io.carapulse.core.benchmark;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/** The tool runtime benchmark on a real PostgreSQL (embedded binaries, default settings, same machine). */
@Tag("benchmark")
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresToolRuntimeBenchmark extends ToolRuntimeBenchmark {

    @Override
    Map<String, String> databaseProperties() {
        return PostgresFixture.newDatabase().datasourceProperties();
    }

    @Override
    String database() {
        return "postgresql";
    }
}
