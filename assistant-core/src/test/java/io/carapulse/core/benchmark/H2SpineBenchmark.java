package io.carapulse.core.benchmark;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The spine benchmark on H2, as the embedded default runs it (a file database, commits written through). */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "datasources.default.url",
        value = "jdbc:h2:file:${java.io.tmpdir}/carapulse-bench-${random.shortuuid}/db;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0")
class H2SpineBenchmark extends SpineBenchmark {

    @Override
    String database() {
        return "h2-file";
    }
}
