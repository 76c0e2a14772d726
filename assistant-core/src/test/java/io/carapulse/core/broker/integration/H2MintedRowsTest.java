package io.carapulse.core.broker.integration;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** The V20 tables on H2, the embedded default. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2MintedRowsTest extends MintedRowsContract {
}
