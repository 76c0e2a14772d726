package io.carapulse.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditVerifyJobView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.core.audit.AuditCheckpointContract.Snapshot;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.support.People;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incremental audit verification and the full verification job against each database Carapulse
 * supports ({@link AuditIncrementalVerifyTest} on H2, {@link PostgresAuditIncrementalVerifyTest} on
 * PostgreSQL): {@code GET /v1/audit/verify} starts after the newest checkpoint the server verifies
 * itself, never after a forged one, and the job walks everything. Tests that damage the log put it back.
 */
abstract class AuditIncrementalVerifyContract implements TestPropertyProvider {

    @Inject AuditService audit;
    @Inject AuditCheckpoints checkpoints;
    @Inject AuditVerification verification;
    @Inject AuditVerifyJobs jobs;
    @Inject AuditVerifyJobTask jobTask;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of("carapulse.audit.signing-key", "file:"
                + AuditCheckpointContract.writePem(Checkpoints.pem(AuditCheckpointContract.KEYS.getPrivate()))));
    }

    private long record(String action) {
        return tx.executeWrite(s -> audit.record(AuditEntry.allow(People.ALICE, action, "test", null)));
    }

    /** What someone who can write the database does without bothering to re-chain: edits one record. */
    private void tamper(long seq) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_event SET reason = ? WHERE seq = ?", ps -> {
            ps.setString(1, "edited");
            ps.setLong(2, seq);
            return ps.executeUpdate();
        }));
    }

    private AuditVerifyJobView awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AuditVerifyJobView job = jobs.find(id).orElseThrow();
        while (job.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = jobs.find(id).orElseThrow();
        }
        return job;
    }

    @Test
    void shouldCheckOnlyTheRecordsAfterTheNewestTrustedCheckpoint() {
        record("test.old");
        AuditCheckpointView c = checkpoints.signNow(Actor.SYSTEM);
        record("test.new-1");
        record("test.new-2");

        AuditVerifyView v = verification.verify();

        assertThat(v.ok()).as(v.toString()).isTrue();
        assertThat(v.from()).isEqualTo(new AuditVerifyView.From(c.id(), c.seq()));
        assertThat(v.checked()).isEqualTo(audit.head().seq() - c.seq()).isEqualTo(2);
        assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.OK);
    }

    @Test
    void shouldReportARecordEditedAfterTheCheckpointBrokenAtItsSeq() {
        AuditCheckpointView c = checkpoints.signNow(Actor.SYSTEM);
        long edited = record("test.after-checkpoint");
        record("test.later");
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tamper(edited);

            AuditVerifyView v = verification.verify();

            assertThat(v.ok()).isFalse();
            assertThat(v.from().checkpointId()).isEqualTo(c.id());
            assertThat(v.firstBrokenSeq()).isEqualTo(edited);
            assertThat(v.detail()).isEqualTo("record " + edited + " was changed after it was written");
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldLeaveARecordEditedBeforeTheCheckpointToTheFullJob() throws InterruptedException {
        long edited = record("test.before-checkpoint");
        record("test.between");
        AuditCheckpointView c = checkpoints.signNow(Actor.SYSTEM);
        record("test.after");
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tamper(edited);

            AuditVerifyView v = verification.verify();
            assertThat(v.ok()).as("the incremental walk starts after record " + c.seq() + ": " + v).isTrue();
            assertThat(v.from().seq()).isEqualTo(c.seq());

            AuditVerifyJobView job = awaitEnd(jobs.start(People.ADA).id());
            assertThat(job.status()).as(job.toString()).isEqualTo(AuditVerifyJobView.BROKEN);
            assertThat(job.firstBrokenSeq()).isEqualTo(edited);
            assertThat(job.detail()).isEqualTo("record " + edited + " was changed after it was written");
            assertThat(job.checked()).isEqualTo(edited - 1);
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldFallBackToTheCheckpointBeforeWhenTheNewestOnesRecordWasEdited() {
        AuditCheckpointView older = checkpoints.signNow(Actor.SYSTEM);
        record("test.x");
        AuditCheckpointView newest = checkpoints.signNow(Actor.SYSTEM);
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tamper(newest.seq());

            AuditVerifyView v = verification.verify();

            assertThat(v.ok()).isFalse();
            assertThat(v.from()).isEqualTo(new AuditVerifyView.From(older.id(), older.seq()));
            assertThat(v.firstBrokenSeq()).isEqualTo(newest.seq());
            assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.BROKEN);
            assertThat(v.checkpoint().id()).isEqualTo(newest.id());
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldNeverStartFromAForgedUnsignedOrForeignCheckpoint() {
        AuditCheckpointView good = checkpoints.signNow(Actor.SYSTEM);
        record("test.y");
        AuditCheckpointView forged = checkpoints.signNow(Actor.SYSTEM);
        KeyPair foreign = AuditCheckpointContract.newKeys();
        String foreignId = Checkpoints.keyId(foreign.getPublic());
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            for (String[] keyAndSignature : List.of(
                    new String[] {forged.keyId(), "AAAA"},
                    new String[] {forged.keyId(), Checkpoints.sign(foreign.getPrivate(), Checkpoints.payload(forged))},
                    new String[] {foreignId, Checkpoints.sign(foreign.getPrivate(), Checkpoints.payload(forged.id(),
                            forged.seq(), forged.hash(), forged.createdAt(), foreignId))})) {
                replace(forged.id(), keyAndSignature[0], keyAndSignature[1]);

                AuditVerifyView v = verification.verify();

                assertThat(v.from()).as(keyAndSignature[0] + " " + keyAndSignature[1])
                        .isEqualTo(new AuditVerifyView.From(good.id(), good.seq()));
                assertThat(v.ok()).as("the newest checkpoint does not verify").isFalse();
                assertThat(v.checkpoint().status()).isEqualTo(CheckpointCheck.BROKEN);
            }
            tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM audit_checkpoint", ps -> ps.executeUpdate()));
            insertForged(99, audit.head().seq(), audit.head().hash(), foreignId, "AAAA");
            AuditVerifyView none = verification.verify();
            assertThat(none.from()).as("no checkpoint verifies: from the start").isEqualTo(AuditVerifyView.CHAIN_START);
            assertThat(none.checked()).isEqualTo(audit.head().seq());
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldRunTheFullJobOverEveryRecordAndTheCheckpoint() throws InterruptedException {
        record("test.z");
        checkpoints.signNow(Actor.SYSTEM);

        AuditVerifyJobView started = jobs.start(People.ADA);
        assertThat(started.status()).isEqualTo(AuditVerifyJobView.RUNNING);
        assertThat(started.total()).as("up to the record of the request").isEqualTo(audit.head().seq());
        assertThat(audit.find(started.total()).orElseThrow().action()).isEqualTo(AuditVerifyJobs.ACTION);

        AuditVerifyJobView done = awaitEnd(started.id());
        assertThat(done.status()).as(done.toString()).isEqualTo(AuditVerifyJobView.OK);
        assertThat(done.checked()).isEqualTo(started.total());
        assertThat(done.endedAt()).isNotNull();
        assertThat(done.detail()).startsWith("records 1-" + started.total() + " are intact; checkpoint ok");
    }

    @Test
    void shouldContinueAStoppedJobFromItsStoredProgress() throws InterruptedException {
        record("test.a");
        long edited = record("test.b");
        long resumeAfter = record("test.c");
        record("test.d");
        String resumeHash = audit.find(resumeAfter).orElseThrow().hash();
        AuditService.Head head = audit.head();
        Snapshot before = Snapshot.take(tx, jdbc);
        try {
            tamper(edited);
            // a job that had checked records 1..resumeAfter when the server stopped, and its task row
            String id = "avj_resume" + System.nanoTime();
            tx.executeWrite(s -> {
                jdbc.prepareStatement("INSERT INTO audit_verify_job (id, status, requested_by, created_at, updated_at,"
                        + " head_seq, head_hash, last_seq, last_hash, checked)"
                        + " VALUES (?,'running','system',?,?,?,?,?,?,?)", ps -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    ps.setString(1, id);
                    ps.setObject(2, now);
                    ps.setObject(3, now);
                    ps.setLong(4, head.seq());
                    ps.setString(5, head.hash());
                    ps.setLong(6, resumeAfter);
                    ps.setString(7, resumeHash);
                    ps.setLong(8, resumeAfter);
                    return ps.executeUpdate();
                });
                jobTask.schedule(id);
                return null;
            });

            AuditVerifyJobView done = awaitEnd(id);

            assertThat(done.status()).as("record " + edited + " was checked before the stop: " + done)
                    .isEqualTo(AuditVerifyJobView.OK);
            assertThat(done.checked()).isEqualTo(head.seq());
        } finally {
            before.restore();
        }
    }

    @Test
    void shouldStartAndFollowAJobOverHttp() throws InterruptedException {
        TestHttp http = new TestHttp(server.getURL());
        String viewer = tokens.create(Actor.SYSTEM, "auditor", List.of("viewer")).token();

        TestHttp.Response started = http.post("/v1/audit/verify-jobs", viewer, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        assertThat(started.json().path("status").asText()).isEqualTo("running");
        awaitEnd(id);
        TestHttp.Response job = http.get("/v1/audit/verify-jobs/" + id, viewer);
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.json().path("status").asText()).as(job.body()).isEqualTo("ok");
        assertThat(job.json().path("checked").asLong()).isEqualTo(job.json().path("total").asLong());

        TestHttp.Response missing = http.get("/v1/audit/verify-jobs/avj_nope", viewer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");
        assertThat(http.post("/v1/audit/verify-jobs", null, "").status()).isEqualTo(401);

        TestHttp.Response v = http.get("/v1/audit/verify", viewer);
        assertThat(v.json().has("from")).as(v.body()).isTrue();
    }

    private void replace(long id, String keyId, String signature) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_checkpoint SET key_id = ?, signature = ? WHERE id = ?",
                ps -> {
                    ps.setString(1, keyId);
                    ps.setString(2, signature);
                    ps.setLong(3, id);
                    return ps.executeUpdate();
                }));
    }

    private void insertForged(long id, long seq, String hash, String keyId, String signature) {
        tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO audit_checkpoint (id, seq, hash, created_at, key_id,"
                + " signature) VALUES (?,?,?,?,?,?)", ps -> {
            ps.setLong(1, id);
            ps.setLong(2, seq);
            ps.setString(3, hash);
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(5, keyId);
            ps.setString(6, signature);
            return ps.executeUpdate();
        }));
    }

}
