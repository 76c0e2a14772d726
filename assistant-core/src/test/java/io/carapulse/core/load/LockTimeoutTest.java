package io.carapulse.core.load;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link LockTimeoutContract} on H2. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "datasources.default.connection-init-sql", value = "SET LOCK_TIMEOUT = 300")
class LockTimeoutTest extends LockTimeoutContract {
}
