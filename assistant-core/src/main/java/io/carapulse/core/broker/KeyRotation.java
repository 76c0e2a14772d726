package io.carapulse.core.broker;

import io.carapulse.core.broker.crypto.Envelope;
import io.carapulse.core.broker.crypto.Keyring;
import io.carapulse.core.broker.crypto.WrappedKey;
import io.carapulse.core.common.Times;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation ({@code assistantctl integration rotate-key}): re-wraps every data key that the current
 * key encryption key did not wrap, batch by batch, each batch in a transaction of its own. Ciphertexts do
 * not change; a data key is unwrapped with its previous KEK and wrapped again. Safe on a live server: a
 * row replaced meanwhile is already under the current key and is skipped. After a crash, rows not yet
 * re-wrapped still read with the previous key, and running it again finishes the work. When it reports
 * no remaining secret, the previous key can be removed from the configuration.
 */
@Singleton
public class KeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

    /**
     * What a rotation did.
     *
     * @param rewrapped how many data keys it re-wrapped
     * @param batches   how many transactions it took
     * @param kekId     the key everything is wrapped by now
     * @param total     how many secrets are stored (the broker's key check included)
     */
    public record Result(int rewrapped, int batches, String kekId, long total) {
    }

    private final BrokerKeys keys;
    private final SecretRows rows;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final int batchSize;

    KeyRotation(BrokerKeys keys, SecretRows rows, TransactionOperations<Connection> tx, Clock clock,
                BrokerConfiguration config) {
        this.keys = keys;
        this.rows = rows;
        this.tx = tx;
        this.clock = clock;
        this.batchSize = config.rotationBatchSize();
    }

    /**
     * Re-wraps every data key not wrapped by the current KEK.
     *
     * @throws BrokerNotConfiguredException when no key encryption key is configured
     * @throws io.carapulse.core.broker.crypto.SecretUnreadableException when a data key's KEK is not configured
     *         or it does not unwrap; the batches before stay done
     */
    public Result rotate() {
        Keyring k = keys.require();
        int rewrapped = 0;
        int batches = 0;
        while (true) {
            int n = rotateBatch();
            if (n < 0) {
                break;
            }
            batches++;
            rewrapped += n;
        }
        long total = tx.executeRead(s -> rows.countByKek()).values().stream().mapToLong(Long::longValue).sum();
        LOG.info("credential broker: key rotation re-wrapped {} data keys in {} batches; all {} under {}", rewrapped,
                batches, total, k.current().id());
        return new Result(rewrapped, batches, k.current().id(), total);
    }

    /**
     * One batch in its own transaction: how many data keys it re-wrapped, or {@code -1} when none was
     * left to re-wrap.
     */
    public int rotateBatch() {
        Keyring k = keys.require();
        String current = k.current().id();
        return tx.executeWrite(s -> {
            List<SecretRows.Row> batch = rows.notWrappedBy(current, batchSize);
            if (batch.isEmpty()) {
                return -1;
            }
            Instant now = Times.now(clock);
            int done = 0;
            for (SecretRows.Row r : batch) {
                WrappedKey rewrapped = Envelope.rewrap(k, r.owner(), r.name(), r.sealed()).wrappedKey();
                done += rows.rewrap(r.id(), r.sealed().wrappedKey().kekId(), rewrapped, now);
            }
            return done;
        });
    }
}
