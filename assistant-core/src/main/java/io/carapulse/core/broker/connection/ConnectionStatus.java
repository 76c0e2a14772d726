package io.carapulse.core.broker.connection;

import java.util.Locale;
import java.util.Set;

/**
 * A connection's lifecycle: {@code connected} (its tokens are stored and, as far as the broker knows, valid)
 * → {@code disconnected} (revoked by its person, an admin or the provider; its tokens are deleted). A
 * disconnected connection does not come back: connecting again makes a new one in its place.
 */
enum ConnectionStatus {
    CONNECTED, DISCONNECTED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may move to. */
    Set<ConnectionStatus> successors() {
        return this == CONNECTED ? Set.of(DISCONNECTED) : Set.of();
    }

    static ConnectionStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
