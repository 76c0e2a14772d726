package io.carapulse.core.evidence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** Evidence follow-ups on the embedded default (H2). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpTest extends FollowUpContract {
}
