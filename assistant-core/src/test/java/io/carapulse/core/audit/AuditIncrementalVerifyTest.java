package io.carapulse.core.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** Incremental audit verification and the full job on the embedded default (H2). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIncrementalVerifyTest extends AuditIncrementalVerifyContract {
}
