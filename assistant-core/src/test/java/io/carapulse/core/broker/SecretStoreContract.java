package io.carapulse.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.config.ConfigurationException;
import io.carapulse.core.broker.crypto.Keyring;
import io.carapulse.core.broker.crypto.LocalKeyEncryptionKey;
import io.carapulse.core.broker.crypto.Plaintext;
import io.carapulse.core.broker.crypto.SecretUnreadableException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The broker's secret store against each database Carapulse supports ({@link H2SecretStoreTest} on an H2
 * file, {@link PostgresSecretStoreTest} on PostgreSQL), with the server's configured key A
 * ({@code file:} reference). Every test leaves all rows readable under A, as the next one expects.
 */
abstract class SecretStoreContract implements TestPropertyProvider {

    static final String CANARY = "canary-glpat-Zq8wX2vN7mK4pR9sT1uY";
    static final byte[] KEY_A = key(11);
    static final byte[] KEY_B = key(22);
    static final byte[] KEY_C = key(33);

    @Inject SecretStore store;
    @Inject SecretRows rows;
    @Inject BrokerKeys keys;
    @Inject TransactionOperations<Connection> tx;
    @Inject JdbcOperations jdbc;
    @Inject Clock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("carapulse.broker.key-encryption-key", "file:" + keyFile(KEY_A));
        p.put("carapulse.broker.rotation-batch-size", "2");
        return p;
    }

    /** Everything the database holds, as the bytes (or text) an attacker with a dump or backup would see. */
    abstract String dump();

    @Test
    void shouldStoreReadListReplaceAndDeleteAnOwnersSecrets() {
        String owner = owner();
        put(owner, "github:token", "first");
        put(owner, "github:private_key", "pem");
        put(owner, "github:token", "second");

        assertThat(read(owner, "github:token")).isEqualTo("second");
        assertThat(store.list(owner)).containsExactly("github:private_key", "github:token");
        assertThat(store.read(owner, "gitlab:token")).isEmpty();
        assertThat(store.delete(owner)).isEqualTo(2);
        assertThat(store.list(owner)).isEmpty();
        assertThatThrownBy(() -> store.put("broker:key-check", "x", Plaintext.ofString("y")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldJoinTheCallersTransaction() {
        String owner = owner();
        assertThatThrownBy(() -> tx.executeWrite(s -> {
            put(owner, "github:token", CANARY);
            throw new IllegalStateException("the integration could not be recorded");
        })).hasMessage("the integration could not be recorded");
        assertThat(store.list(owner)).isEmpty();
    }

    @Test
    void shouldRefuseARowsCryptoFieldsCopiedToAnotherOwnerOrName() {
        String victim = owner();
        String attacker = owner();
        put(victim, "github:token", CANARY);
        put(attacker, "github:token", "attacker's own");
        try {
            copyCryptoFields(victim, "github:token", attacker, "github:token");
            assertThatThrownBy(() -> store.read(attacker, "github:token"))
                    .isInstanceOf(SecretUnreadableException.class)
                    .hasMessageStartingWith("the secret github:token of " + attacker + " cannot be decrypted")
                    .hasMessageNotContaining(CANARY);
            put(victim, "gitlab:token", "other");
            copyCryptoFields(victim, "github:token", victim, "gitlab:token");
            assertThatThrownBy(() -> store.read(victim, "gitlab:token")).isInstanceOf(SecretUnreadableException.class);
            assertThat(read(victim, "github:token")).isEqualTo(CANARY);
        } finally {
            store.delete(victim);
            store.delete(attacker);
        }
    }

    @Test
    void shouldKeepTheCanaryOutOfTheDatabaseAndTheServerLog() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        String owner = "integration:int_canary_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            put(owner, "github:token", CANARY);
            assertThat(read(owner, "github:token")).isEqualTo(CANARY);
            new KeyRotation(new BrokerKeys(new Keyring(kek(KEY_A), List.of())), rows, tx, clock,
                    new BrokerConfiguration("x", null, 2)).rotate();
            String dump = dump();
            assertThat(dump).as("the dump holds the row (owner names are not secret)").contains(owner);
            assertThat(dump).doesNotContain(CANARY)
                    .doesNotContain(Base64.getEncoder().encodeToString(CANARY.getBytes()))
                    .doesNotContain(Base64.getEncoder().encodeToString(KEY_A));
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty()
                    .noneMatch(m -> m.contains(CANARY));
        } finally {
            root.detachAppender(log);
            store.delete(owner);
        }
    }

    @Test
    void shouldRotateEverythingInBatchesAfterWhichThePreviousKeyCanBeRemoved() {
        String owner = owner();
        for (int i = 0; i < 5; i++) {
            put(owner, "generic:token" + i, CANARY + i);
        }
        long total = tx.executeRead(s -> rows.countByKek()).values().stream().mapToLong(Long::longValue).sum();

        KeyRotation.Result r = rotation(kek(KEY_B), kek(KEY_A)).rotate();

        assertThat(r.rewrapped()).isEqualTo((int) total);
        assertThat(r.batches()).isEqualTo((int) ((total + 1) / 2));
        assertThat(r.kekId()).isEqualTo(kek(KEY_B).id());
        assertThat(byKek()).containsOnlyKeys(kek(KEY_B).id());
        // the old key is gone from the configuration: everything reads and the server starts
        SecretStore onlyB = store(kek(KEY_B));
        for (int i = 0; i < 5; i++) {
            try (Plaintext p = onlyB.read(owner, "generic:token" + i).orElseThrow()) {
                assertThat(p.reveal()).isEqualTo(CANARY + i);
            }
        }
        keyCheck(new Keyring(kek(KEY_B), List.of()));
        assertThatThrownBy(() -> store.read(owner, "generic:token0")).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("was encrypted under key " + kek(KEY_B).id() + ", which is not configured");
        assertThat(rotation(kek(KEY_B), kek(KEY_A)).rotate().rewrapped()).as("nothing left").isZero();

        rotation(kek(KEY_A), kek(KEY_B)).rotate();
        assertThat(read(owner, "generic:token4")).isEqualTo(CANARY + 4);
        store.delete(owner);
    }

    @Test
    void shouldResumeARotationInterruptedAfterItsFirstBatch() {
        String owner = owner();
        for (int i = 0; i < 4; i++) {
            put(owner, "generic:token" + i, CANARY + i);
        }
        assertThat(rotation(kek(KEY_B), kek(KEY_A)).rotateBatch()).isEqualTo(2);
        // the server restarts here with B current and A previous: both kinds of rows read, start-up passes
        assertThat(byKek()).containsKeys(kek(KEY_A).id(), kek(KEY_B).id());
        keyCheck(new Keyring(kek(KEY_B), List.of(kek(KEY_A))));
        SecretStore both = store(kek(KEY_B), kek(KEY_A));
        for (int i = 0; i < 4; i++) {
            try (Plaintext p = both.read(owner, "generic:token" + i).orElseThrow()) {
                assertThat(p.reveal()).isEqualTo(CANARY + i);
            }
        }
        // without A it would not start: some secrets still need it
        assertThatThrownBy(() -> keyCheck(new Keyring(kek(KEY_B), List.of()))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stored secrets are encrypted under [" + kek(KEY_A).id() + "]");

        KeyRotation.Result rest = rotation(kek(KEY_B), kek(KEY_A)).rotate();

        assertThat(rest.rewrapped()).isPositive();
        assertThat(byKek()).containsOnlyKeys(kek(KEY_B).id());
        rotation(kek(KEY_A), kek(KEY_B)).rotate();
        store.delete(owner);
    }

    @Test
    void shouldRefuseToStartWithoutAKeyOrWithTheWrongKeyWhileSecretsAreStored() {
        String owner = owner();
        put(owner, "github:token", CANARY);
        try {
            assertThatThrownBy(() -> new KeyCheck(new BrokerKeys((Keyring) null), rows, tx, clock))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("carapulse.broker.key-encryption-key (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): ")
                    .hasMessageContaining("but no key encryption key is set");
            assertThatThrownBy(() -> keyCheck(new Keyring(kek(KEY_C), List.of())))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("carapulse.broker.key-encryption-key (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): stored "
                            + "secrets are encrypted under [" + kek(KEY_A).id() + "], but this key is " + kek(KEY_C).id()
                            + "; set the key they were encrypted with (or list it in "
                            + "carapulse.broker.previous-key-encryption-keys)");
            keyCheck(new Keyring(kek(KEY_A), List.of()));
            keyCheck(new Keyring(kek(KEY_C), List.of(kek(KEY_A))));
        } finally {
            store.delete(owner);
        }
    }

    @Test
    void shouldSayTheBrokerIsNotConfiguredWhenUsedWithoutAKey() {
        SecretStore off = new SecretStore(rows, new BrokerKeys((Keyring) null), tx, clock);
        assertThatThrownBy(() -> off.put(owner(), "github:token", Plaintext.ofString(CANARY)))
                .isInstanceOf(BrokerNotConfiguredException.class)
                .hasMessage("the credential broker has no key encryption key: set carapulse.broker.key-encryption-key "
                        + "(docs/integrations.md#key-management)");
    }

    // --- helpers

    Map<String, Long> byKek() {
        return tx.executeRead(s -> rows.countByKek());
    }

    void keyCheck(Keyring keyring) {
        new KeyCheck(new BrokerKeys(keyring), rows, tx, clock);
    }

    KeyRotation rotation(LocalKeyEncryptionKey current, LocalKeyEncryptionKey... previous) {
        return new KeyRotation(new BrokerKeys(new Keyring(current, List.of(previous))), rows, tx, clock,
                new BrokerConfiguration("x", null, 2));
    }

    SecretStore store(LocalKeyEncryptionKey current, LocalKeyEncryptionKey... previous) {
        return new SecretStore(rows, new BrokerKeys(new Keyring(current, List.of(previous))), tx, clock);
    }

    void put(String owner, String name, String value) {
        try (Plaintext p = Plaintext.ofString(value)) {
            store.put(owner, name, p);
        }
    }

    String read(String owner, String name) {
        try (Plaintext p = store.read(owner, name).orElseThrow()) {
            return p.reveal();
        }
    }

    void copyCryptoFields(String fromOwner, String fromName, String toOwner, String toName) {
        SecretRows.Row from = tx.executeRead(s -> rows.find(fromOwner, fromName)).orElseThrow();
        tx.executeWrite(s -> rows.replace(toOwner, toName, from.sealed(), clock.instant()));
    }

    static String owner() {
        return "integration:int_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static LocalKeyEncryptionKey kek(byte[] key) {
        return new LocalKeyEncryptionKey(key);
    }

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        new java.util.Random(seed).nextBytes(k);
        return k;
    }

    static Path keyFile(byte[] key) {
        return TestKeks.file(key);
    }
}
