package io.carapulse.core.broker.connection;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** The connection tables on H2 (the test profile's database). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ConnectionRowsTest extends ConnectionRowsContract {
}
