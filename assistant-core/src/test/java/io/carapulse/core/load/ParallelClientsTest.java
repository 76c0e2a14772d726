package io.carapulse.core.load;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link ParallelClientsContract} on H2, with the server's lock timeout (application.yml). */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ParallelClientsTest extends ParallelClientsContract {
}
