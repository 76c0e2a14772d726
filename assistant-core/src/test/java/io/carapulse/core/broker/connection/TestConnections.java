package io.carapulse.core.broker.connection;

import io.carapulse.api.dto.ConnectionView;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.common.Ids;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/** A connected GitHub connection as the OAuth flow leaves it, written straight to the store for a test. */
final class TestConnections {

    private TestConnections() {
    }

    /**
     * Connects {@code actorId} to GitHub as {@code alice-gh} with {@code token}, expiring at {@code expiresAt} (null:
     * never); the connection's id.
     */
    static String github(TransactionOperations<Connection> tx, ConnectionRows rows, SecretStore secrets, String actorId,
                         String token, Instant expiresAt) {
        Instant now = Instant.now();
        String id = Ids.connection();
        tx.executeWrite(s -> {
            rows.insert(new ConnectionView(id, "github", actorId, "alice", "alice-gh", "4242", List.of("repo"),
                    ConnectionStatus.CONNECTED.wire(), expiresAt, now, now), "TOKEN");
            try (Plaintext p = Plaintext.ofString(token)) {
                secrets.put(Connections.owner(id), ConnectionProvider.GITHUB.accessTokenName(), p);
            }
            return null;
        });
        return id;
    }
}
