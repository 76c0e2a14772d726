package io.carapulse.core.broker.integration;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;

/** What the broker's tests start from: no integration, and none of the secrets integrations own. */
public final class IntegrationTables {

    private IntegrationTables() {
    }

    /** Deletes every integration with its environments, sources and secrets, in one transaction. */
    public static void clear(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        tx.executeWrite(s -> {
            for (String sql : new String[] {"DELETE FROM integration_source", "DELETE FROM integration_environment",
                    "DELETE FROM integration", "DELETE FROM broker_secret WHERE owner LIKE 'integration:%'"}) {
                jdbc.prepareStatement(sql, ps -> ps.executeUpdate());
            }
            return null;
        });
    }
}
