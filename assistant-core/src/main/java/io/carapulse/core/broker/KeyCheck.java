package io.carapulse.core.broker;

import io.carapulse.api.error.RetriableException;
import io.carapulse.config.ConfigurationException;
import io.carapulse.core.broker.crypto.Envelope;
import io.carapulse.core.broker.crypto.Keyring;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.broker.crypto.SealedSecret;
import io.carapulse.core.broker.crypto.SecretUnreadableException;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up (after the migrations), makes sure the configured key encryption keys open the stored
 * secrets: every KEK id in {@code broker_secret} must be the current key or a previous one, and the key
 * check (a known value the broker stores under its reserved owner, re-wrapped by rotation like any
 * secret) must decrypt. Secrets stored without any key configured, an unknown key, or a key check that
 * does not open stop the server with one line naming {@value BrokerConfiguration#KEY_ENCRYPTION_KEY}.
 * With no key and no secret the server starts; the broker reports itself not configured when used.
 */
@Context
public class KeyCheck {

    static final String OWNER = SecretStore.RESERVED + "key-check";
    static final String NAME = "check";
    private static final byte[] KNOWN = "carapulse broker key check v1".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(KeyCheck.class);

    public KeyCheck(BrokerKeys keys, SecretRows rows, TransactionOperations<Connection> tx, Clock clock) {
        Optional<Keyring> keyring = keys.keyring();
        Map<String, Long> byKek = tx.executeRead(s -> rows.countByKek());
        long stored = byKek.values().stream().mapToLong(Long::longValue).sum();
        boolean hasCheck = stored > 0 && tx.executeRead(s -> rows.find(OWNER, NAME)).isPresent();
        long secrets = stored - (hasCheck ? 1 : 0);
        if (keyring.isEmpty()) {
            if (stored > 0) {
                String what = secrets == 0 ? "the broker's key check is stored" : secrets == 1 ? "1 secret is stored"
                        : secrets + " secrets are stored";
                throw problem(what + " (encrypted under " + byKek.keySet() + ") but no key encryption key is set;"
                        + " set the key they were encrypted with");
            }
            LOG.info("credential broker: no key encryption key configured; the broker is off until {} is set",
                    BrokerConfiguration.KEY_ENCRYPTION_KEY);
            return;
        }
        Keyring k = keyring.get();
        List<String> unknown = byKek.keySet().stream().filter(id -> k.find(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw problem("stored secrets are encrypted under " + unknown + ", but this key is " + k.current().id()
                    + (k.ids().size() > 1 ? " and the previous keys are " + k.ids().subList(1, k.ids().size()) : "")
                    + "; set the key they were encrypted with (or list it in "
                    + BrokerConfiguration.PREVIOUS_KEY_ENCRYPTION_KEYS + ")");
        }
        try {
            Optional<SecretRows.Row> check = tx.executeRead(s -> rows.find(OWNER, NAME));
            if (check.isPresent()) {
                verify(k, check.get().sealed());
            } else {
                SealedSecret sealed;
                try (Plaintext known = Plaintext.wrap(KNOWN.clone())) {
                    sealed = Envelope.seal(k, OWNER, NAME, known);
                }
                try {
                    tx.executeWrite(s -> {
                        if (rows.find(OWNER, NAME).isEmpty()) {
                            rows.insert(Ids.secret(), OWNER, NAME, false, sealed, Times.now(clock));
                        }
                        return null;
                    });
                } catch (RuntimeException lostRace) {
                    // another replica starting with a key at the same moment wrote it first: check theirs
                    verify(k, tx.executeRead(s -> rows.find(OWNER, NAME)).orElseThrow(() -> lostRace).sealed());
                }
            }
        } catch (SecretUnreadableException e) {
            throw problem("the stored key check does not decrypt with the configured keys (" + e.getMessage()
                    + "); this is not the key the secrets were encrypted with");
        } catch (RetriableException e) {
            throw problem("the key cannot be used now: " + e.getMessage());
        }
        LOG.info("credential broker: key encryption key {}, previous {}, {} stored secrets by key {}",
                k.current().id(), k.ids().subList(1, k.ids().size()), secrets, byKek);
    }

    private static void verify(Keyring k, SealedSecret sealed) {
        try (Plaintext opened = Envelope.open(k, OWNER, NAME, sealed)) {
            if (!java.security.MessageDigest.isEqual(opened.bytes(), KNOWN)) {
                throw new SecretUnreadableException("the key check holds an unexpected value");
            }
        }
    }

    private static ConfigurationException problem(String what) {
        return new ConfigurationException(BrokerConfiguration.KEY_ENCRYPTION_KEY_NAME + ": " + what);
    }
}
