package io.carapulse.core.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The persistence contract on the embedded default: H2 in PostgreSQL mode. */
@MicronautTest(environments = "test", transactional = false)
class H2PersistenceTest extends PersistenceContract {
}
