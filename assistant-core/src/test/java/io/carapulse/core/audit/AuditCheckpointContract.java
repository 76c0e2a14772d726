package io.carapulse.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.common.Json;
import io.carapulse.core.support.People;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed audit checkpoints against each database Carapulse supports ({@link AuditCheckpointTest} on
 * H2, {@link PostgresAuditCheckpointTest} on PostgreSQL): someone who can write the database edits a
 * record and recomputes every later hash; the chain alone still agrees with itself, the checkpoint
 * signed before does not. Tests that damage the log put it back afterwards.
 */
abstract class AuditCheckpointContract implements TestPropertyProvider {

    static final KeyPair KEYS = newKeys();

    @Inject AuditService audit;
    @Inject AuditCheckpoints checkpoints;
    @Inject AuditVerification verification;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of("carapulse.audit.signing-key", "file:" + writePem(Checkpoints.pem(KEYS.getPrivate()))));
    }

    static KeyPair newKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writePem(String pem) {
        try {
            Path dir = Files.createTempDirectory("audit-keys-");
            return Files.writeString(dir.resolve("key.pem"), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long record(String action) {
        return tx.executeWrite(s -> audit.record(AuditEntry.allow(People.ALICE, action, "test", null)));
    }

    @Test
    void shouldSignTheChainHeadIncludingTheRecordOfTheSigning() {
        record("test.before-checkpoint");

        AuditCheckpointView c = checkpoints.signNow(People.ADA);

        AuditEventView own = audit.find(c.seq()).orElseThrow();
        assertThat(own.action()).isEqualTo("audit.checkpoint");
        assertThat(own.actor()).isEqualTo(People.ADA.id());
        assertThat(own.subjectId()).isEqualTo(String.valueOf(c.id()));
        assertThat(c.hash()).isEqualTo(own.hash());
        assertThat(c.keyId()).isEqualTo(Checkpoints.keyId(KEYS.getPublic()));
        assertThat(Checkpoints.verify(KEYS.getPublic(), c)).as("signed with the configured key").isTrue();
        assertThat(checkpoints.latest()).contains(c);
        AuditVerifyView v = verification.verify();
        assertThat(v.ok()).as(v.toString()).isTrue();
        assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.OK);
        assertThat(v.checkpoint().id()).isEqualTo(c.id());
    }

    @Test
    void shouldDetectARechainedHistoryThatTheHashChainAloneAccepts() {
        long edited = record("test.to-be-rewritten");
        record("test.after");
        AuditCheckpointView signed = checkpoints.signNow(Actor.SYSTEM);
        record("test.after-checkpoint");
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            rechain(edited, "nothing to see here");

            AuditVerifyView chainOnly = audit.verify();
            assertThat(chainOnly.ok()).as("the re-chained history agrees with itself: " + chainOnly).isTrue();
            assertThat(audit.find(edited).orElseThrow().reason()).isEqualTo("nothing to see here");

            AuditVerifyView v = verification.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.BROKEN);
            assertThat(v.checkpoint().id()).isEqualTo(signed.id());
            assertThat(v.firstBrokenSeq()).isEqualTo(signed.seq());
            assertThat(v.detail()).contains("records up to " + signed.seq(), "checkpoint " + signed.id(), "rewritten");
        } finally {
            before.restore();
        }
        assertThat(verification.verify().ok()).as("the original history matches again").isTrue();
    }

    @Test
    void shouldDetectARemovedCheckpoint() {
        record("test.x");
        checkpoints.signNow(Actor.SYSTEM);
        record("test.y");
        AuditCheckpointView last = checkpoints.signNow(Actor.SYSTEM);
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM audit_checkpoint WHERE id = ?", ps -> {
                ps.setLong(1, last.id());
                return ps.executeUpdate();
            }));

            AuditVerifyView v = verification.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.BROKEN);
            assertThat(v.detail()).contains("checkpoint " + last.id() + " was removed", "audit record " + last.seq());
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldDetectACheckpointSignedByAnotherKey() {
        record("test.z");
        AuditCheckpointView real = checkpoints.signNow(Actor.SYSTEM);
        KeyPair foreign = newKeys();
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            String foreignId = Checkpoints.keyId(foreign.getPublic());
            replace(real, foreignId, Checkpoints.sign(foreign.getPrivate(),
                    Checkpoints.payload(real.id(), real.seq(), real.hash(), real.createdAt(), foreignId)));
            AuditVerifyView v = verification.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.detail()).contains("names key " + foreignId + ", not the configured key " + real.keyId());

            replace(real, real.keyId(), Checkpoints.sign(foreign.getPrivate(), Checkpoints.payload(real)));
            v = verification.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.detail()).contains("does not carry a valid signature of key " + real.keyId());
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldSignPeriodicallyOnlyWhenRecordsWereAddedAndNeverAnEmptyChain() {
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tx.executeWrite(s -> {
                jdbc.prepareStatement("DELETE FROM audit_checkpoint", ps -> ps.executeUpdate());
                jdbc.prepareStatement("DELETE FROM audit_event", ps -> ps.executeUpdate());
                return jdbc.prepareStatement("UPDATE audit_head SET last_seq = 0, last_hash = ? WHERE id = 1", ps -> {
                    ps.setString(1, AuditHash.GENESIS);
                    return ps.executeUpdate();
                });
            });
            assertThat(checkpoints.signIfChanged()).as("empty chain").isEmpty();

            record("test.first");
            AuditCheckpointView first = checkpoints.signIfChanged().orElseThrow();
            assertThat(first.seq()).isEqualTo(2);
            assertThat(checkpoints.signIfChanged()).as("nothing new since").isEmpty();
            record("test.second");
            assertThat(checkpoints.signIfChanged()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(first.id() + 1));
            assertThat(audit.find(first.seq()).orElseThrow().actor()).isEqualTo("system");
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldSignListAndVerifyOverHttp() {
        TestHttp http = new TestHttp(server.getURL());
        String viewer = tokens.create(Actor.SYSTEM, "auditor", List.of("viewer")).token();

        TestHttp.Response created = http.post("/v1/audit/checkpoints", viewer, "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("signature").asText()).isNotBlank();

        TestHttp.Response list = http.get("/v1/audit/checkpoints?limit=500", viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("id").asLong()).isEqualTo(id);
        AuditCheckpointView listed = Json.mapper().convertValue(list.json().path("items").get(0),
                AuditCheckpointView.class);
        assertThat(Checkpoints.verify(KEYS.getPublic(), listed)).as("verifiable from its JSON").isTrue();

        TestHttp.Response v = http.get("/v1/audit/verify", viewer);
        assertThat(v.json().path("ok").asBoolean()).as(v.body()).isTrue();
        assertThat(v.json().path("checkpoint").path("status").asText()).isEqualTo("ok");
        assertThat(v.json().path("checkpoint").path("keyId").asText()).isEqualTo(Checkpoints.keyId(KEYS.getPublic()));

        assertThat(http.post("/v1/audit/checkpoints", null, "").status()).isEqualTo(401);
    }

    private void replace(AuditCheckpointView c, String keyId, String signature) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_checkpoint SET key_id = ?, signature = ? WHERE id = ?",
                ps -> {
                    ps.setString(1, keyId);
                    ps.setString(2, signature);
                    ps.setLong(3, c.id());
                    return ps.executeUpdate();
                }));
    }

    /**
     * What someone with write access to the database can do without the signing key: change record
     * {@code seq}, then recompute its hash and every later one, and move the head.
     */
    private void rechain(long seq, String newReason) {
        tx.executeWrite(s -> {
            long head = audit.lockHead().seq();
            List<AuditEventView> rows = new ArrayList<>();
            for (long n = seq; n <= head; n++) {
                rows.add(audit.find(n).orElseThrow());
            }
            String prev = audit.find(seq - 1).map(AuditEventView::hash).orElse(AuditHash.GENESIS);
            List<AuditEventView> rewritten = new ArrayList<>();
            for (AuditEventView r : rows) {
                String reason = r.seq() == seq ? newReason : r.reason();
                String hash = AuditHash.hash(r.seq(), r.at(), r.actor(), r.action(), r.subjectType(), r.subjectId(),
                        r.decision(), reason, r.details(), prev);
                rewritten.add(new AuditEventView(r.seq(), r.at(), r.actor(), r.action(), r.subjectType(), r.subjectId(),
                        r.decision(), reason, r.details(), prev, hash));
                prev = hash;
            }
            for (AuditEventView r : rewritten) {
                jdbc.prepareStatement("UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?", ps -> {
                    ps.setString(1, r.reason());
                    ps.setString(2, r.prevHash());
                    ps.setString(3, r.hash());
                    ps.setLong(4, r.seq());
                    return ps.executeUpdate();
                });
            }
            AuditEventView last = rewritten.get(rewritten.size() - 1);
            return jdbc.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", ps -> {
                ps.setLong(1, last.seq());
                ps.setString(2, last.hash());
                return ps.executeUpdate();
            });
        });
    }

    /** The audit tables as they were, to put back after a test that damages them. */
    record Snapshot(TransactionOperations<Connection> tx, JdbcOperations jdbc, String suffix) {

        private static final List<String> TABLES = List.of("audit_event", "audit_head", "audit_checkpoint");

        static Snapshot take(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
            String suffix = "_bak" + Long.toHexString(System.nanoTime());
            tx.executeWrite(s -> {
                for (String t : TABLES) {
                    jdbc.prepareStatement("CREATE TABLE " + t + suffix + " AS SELECT * FROM " + t, ps -> ps.executeUpdate());
                }
                return null;
            });
            return new Snapshot(tx, jdbc, suffix);
        }

        void restore() {
            tx.executeWrite(s -> {
                for (String t : TABLES) {
                    jdbc.prepareStatement("DELETE FROM " + t, ps -> ps.executeUpdate());
                    jdbc.prepareStatement("INSERT INTO " + t + " SELECT * FROM " + t + suffix, ps -> ps.executeUpdate());
                    jdbc.prepareStatement("DROP TABLE " + t + suffix, ps -> ps.executeUpdate());
                }
                return null;
            });
        }
    }
}
