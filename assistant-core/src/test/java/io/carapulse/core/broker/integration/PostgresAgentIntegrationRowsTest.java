package io.carapulse.core.broker.integration;

import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Agent-scoped integrations on a real PostgreSQL. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAgentIntegrationRowsTest extends AgentIntegrationRowsContract {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.putAll(PostgresFixture.newDatabase().datasourceProperties());
        return p;
    }
}
