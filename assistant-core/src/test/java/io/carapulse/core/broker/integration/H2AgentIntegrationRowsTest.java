package io.carapulse.core.broker.integration;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** Agent-scoped integrations on H2 (the test profile's database). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2AgentIntegrationRowsTest extends AgentIntegrationRowsContract {
}
