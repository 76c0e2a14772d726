package io.carapulse.core.audit;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.dto.AuditVerifyJobView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Full verifications of the audit chain, run in the background ({@code POST /v1/audit/verify-jobs}):
 * every record from the first up to the head at the time of the request, then the checkpoint check.
 * The job row holds the progress (the last record found intact and its hash), written after every
 * batch in the batch's own transaction, so a job the server stopped in the middle (a restart, a
 * replica that died) continues from there when db-scheduler runs it again ({@link AuditVerifyJobTask}).
 */
@Singleton
public class AuditVerifyJobs {

    /** Records checked per transaction (and per progress update). */
    static final int BATCH = 1000;
    /** The action of the audit record a request for a full verification leaves. */
    public static final String ACTION = "audit.verify-job";

    private final JdbcOperations jdbc;
    private final AuditService audit;
    private final AuditVerification verification;
    private final AuditVerifyJobTask task;
    private final Clock clock;

    public AuditVerifyJobs(JdbcOperations jdbc, AuditService audit, AuditVerification verification,
                           AuditVerifyJobTask task, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.verification = verification;
        this.task = task;
        this.clock = clock;
    }

    /** Records the request and queues the job; it covers the chain up to and including that record. */
    @Transactional
    public AuditVerifyJobView start(Actor actor) {
        String id = Ids.auditVerifyJob();
        audit.record(AuditEntry.allow(actor, ACTION, "audit-verify-job", id));
        AuditService.Head head = audit.lockHead();
        OffsetDateTime now = OffsetDateTime.ofInstant(Times.now(clock), ZoneOffset.UTC);
        jdbc.prepareStatement("INSERT INTO audit_verify_job (id, status, requested_by, created_at, updated_at,"
                + " head_seq, head_hash, last_seq, last_hash, checked) VALUES (?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, id);
            ps.setString(2, AuditVerifyJobView.RUNNING);
            ps.setString(3, actor.id());
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.setLong(6, head.seq());
            ps.setString(7, head.hash());
            ps.setLong(8, 0);
            ps.setString(9, AuditHash.GENESIS);
            ps.setLong(10, 0);
            return ps.executeUpdate();
        });
        task.schedule(id);
        return find(id).orElseThrow();
    }

    @ReadOnly
    public Optional<AuditVerifyJobView> find(String id) {
        return load(id, "").map(Job::view);
    }

    /**
     * Checks the next batch of job {@code id} and stores how far it got, in one transaction.
     *
     * @return whether the job still has records to check
     */
    @Transactional
    public boolean step(String id) {
        // locked: a run db-scheduler revived while the first was still alive waits instead of counting twice
        Optional<Job> found = load(id, " FOR UPDATE");
        if (found.isEmpty() || !found.get().view().running()) {
            return false;
        }
        Job job = found.get();
        AuditService.Stretch s = audit.checkStretch(job.lastSeq(), job.lastHash(), job.headSeq(), BATCH);
        long checked = job.view().checked() + s.checked();
        if (s.broken()) {
            end(id, AuditVerifyJobView.BROKEN, s, checked, s.brokenSeq(), s.detail());
            return false;
        }
        if (s.lastSeq() < job.headSeq()) {
            update(id, s, checked);
            return true;
        }
        String end = AuditService.endProblem(s, new AuditService.Head(job.headSeq(), job.headHash()));
        if (end != null) {
            end(id, AuditVerifyJobView.BROKEN, s, checked, s.lastSeq(), end);
            return false;
        }
        CheckpointCheck check = verification.checkpoint();
        if (check.broken()) {
            end(id, AuditVerifyJobView.BROKEN, s, checked, check.seq(), check.detail());
        } else {
            end(id, AuditVerifyJobView.OK, s, checked, null, "records 1-" + job.headSeq() + " are intact; checkpoint "
                    + check.status() + ": " + check.detail());
        }
        return false;
    }

    /** Ends job {@code id} as failed: it could not be run ({@code why} speaks the user's terms). */
    @Transactional
    public void fail(String id, String why) {
        load(id, " FOR UPDATE").filter(j -> j.view().running()).ifPresent(j -> end(id, AuditVerifyJobView.FAILED,
                new AuditService.Stretch(j.lastSeq(), j.lastHash(), 0, null, null), j.view().checked(), null, why));
    }

    private void update(String id, AuditService.Stretch s, long checked) {
        jdbc.prepareStatement("UPDATE audit_verify_job SET last_seq = ?, last_hash = ?, checked = ?, updated_at = ?"
                + " WHERE id = ?", ps -> {
            ps.setLong(1, s.lastSeq());
            ps.setString(2, s.lastHash());
            ps.setLong(3, checked);
            ps.setObject(4, OffsetDateTime.ofInstant(Times.now(clock), ZoneOffset.UTC));
            ps.setString(5, id);
            return ps.executeUpdate();
        });
    }

    private void end(String id, String status, AuditService.Stretch s, long checked, Long brokenSeq, String detail) {
        update(id, s, checked);
        jdbc.prepareStatement("UPDATE audit_verify_job SET status = ?, first_broken_seq = ?, detail = ?, ended_at = ?"
                + " WHERE id = ?", ps -> {
            ps.setString(1, status);
            ps.setObject(2, brokenSeq);
            ps.setString(3, detail == null ? null : detail.substring(0, Math.min(detail.length(), 2000)));
            ps.setObject(4, OffsetDateTime.ofInstant(Times.now(clock), ZoneOffset.UTC));
            ps.setString(5, id);
            return ps.executeUpdate();
        });
    }

    private Optional<Job> load(String id, String lock) {
        return jdbc.prepareStatement("SELECT * FROM audit_verify_job WHERE id = ?" + lock, ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.<Job>empty();
            }
        });
    }

    private static Job job(ResultSet rs) throws SQLException {
        long broken = rs.getLong("first_broken_seq");
        Long brokenSeq = rs.wasNull() ? null : broken;
        Instant ended = AuditService.instant(rs, "ended_at");
        AuditVerifyJobView view = new AuditVerifyJobView(rs.getString("id"), rs.getString("status"),
                rs.getLong("checked"), rs.getLong("head_seq"), brokenSeq, rs.getString("detail"),
                rs.getString("requested_by"), AuditService.instant(rs, "created_at"), ended);
        return new Job(view, rs.getLong("head_seq"), rs.getString("head_hash"), rs.getLong("last_seq"),
                rs.getString("last_hash"));
    }

    private record Job(AuditVerifyJobView view, long headSeq, String headHash, long lastSeq, String lastHash) {
    }
}
