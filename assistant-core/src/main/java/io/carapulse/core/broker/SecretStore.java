package io.carapulse.core.broker;

import io.carapulse.core.broker.crypto.AssociatedData;
import io.carapulse.core.broker.crypto.Envelope;
import io.carapulse.core.broker.crypto.Keyring;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.broker.crypto.SealedSecret;
import io.carapulse.core.broker.crypto.SecretUnreadableException;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The broker's encrypted secrets, each identified by an owner (what it belongs to, e.g.
 * {@code integration:int_…}) and a name ({@code github:token}, {@code github:private_key}, …) and bound to
 * both by its encryption ({@link Envelope}). Writes join the caller's transaction (an integration and its
 * secrets are stored together, or neither). Nothing here logs, and no message carries a plaintext.
 * Owners starting with {@value #RESERVED} are the broker's own (the key check).
 */
@Singleton
public class SecretStore {

    /** The owner prefix the broker keeps for itself. */
    public static final String RESERVED = "broker:";

    private final SecretRows rows;
    private final BrokerKeys keys;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    SecretStore(SecretRows rows, BrokerKeys keys, TransactionOperations<Connection> tx, Clock clock) {
        this.rows = rows;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Encrypts and stores {@code plaintext} as {@code owner}/{@code name}, not agent-accessible, replacing
     * a previous value (with a new data key); inside the caller's transaction if there is one. The caller
     * still owns (and closes) {@code plaintext}.
     *
     * @throws BrokerNotConfiguredException when no key encryption key is configured
     * @throws IllegalArgumentException     when the owner or name is blank, too long, reserved or contains {@code |}
     */
    public void put(String owner, String name, Plaintext plaintext) {
        checkOwner(owner);
        AssociatedData.check("name", name);
        Keyring keyring = keys.require();
        SealedSecret sealed = Envelope.seal(keyring, owner, name, plaintext);
        tx.executeWrite(status -> {
            Instant now = Times.now(clock);
            if (rows.replace(owner, name, sealed, now) == 0) {
                rows.insert(Ids.secret(), owner, name, false, sealed, now);
            }
            return null;
        });
    }

    /**
     * The plaintext of {@code owner}/{@code name}, which the caller closes after use; empty when there is
     * no such secret.
     *
     * @throws BrokerNotConfiguredException when no key encryption key is configured
     * @throws SecretUnreadableException    when the stored secret does not decrypt (changed, moved, wrong key)
     */
    public Optional<Plaintext> read(String owner, String name) {
        checkOwner(owner);
        AssociatedData.check("name", name);
        Keyring keyring = keys.require();
        return tx.executeRead(status -> rows.find(owner, name))
                .map(r -> Envelope.open(keyring, r.owner(), r.name(), r.sealed()));
    }

    /** The names of {@code owner}'s secrets, sorted; never their values. */
    public List<String> list(String owner) {
        checkOwner(owner);
        return tx.executeRead(status -> rows.names(owner));
    }

    /** Deletes every secret of {@code owner}, inside the caller's transaction if there is one; how many. */
    public int delete(String owner) {
        checkOwner(owner);
        return tx.executeWrite(status -> rows.deleteOwner(owner));
    }

    private static void checkOwner(String owner) {
        AssociatedData.check("owner", owner);
        if (owner.startsWith(RESERVED)) {
            throw new IllegalArgumentException("owners starting with '" + RESERVED + "' are the broker's own");
        }
    }
}
