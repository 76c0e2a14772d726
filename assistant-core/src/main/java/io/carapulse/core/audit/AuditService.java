package io.carapulse.core.audit;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.PageView;
import io.carapulse.core.common.FilteredQuery;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The tamper-evident audit log (S7). {@link #record} appends inside the caller's transaction, so a
 * state change and its audit row commit or vanish together; {@link #recordDenial} commits on its
 * own, so a refused request leaves its trace even though the request fails.
 */
@Singleton
public class AuditService {

    private static final int VERIFY_BATCH = 1000;

    private final JdbcOperations jdbc;
    private final Clock clock;

    public AuditService(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends {@code entry} to the chain within the current transaction (one must exist). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(AuditEntry entry) {
        return append(entry);
    }

    /** Appends {@code entry} in a transaction of its own; used for denials. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long recordDenial(AuditEntry entry) {
        return append(entry);
    }

    /**
     * Locks the chain head ({@code SELECT … FOR UPDATE}) until the current transaction ends and returns
     * it. Every append takes this lock, so while it is held the chain cannot grow: what is read under
     * it (and signed, see {@link AuditCheckpoints}) is the head.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Head lockHead() {
        return jdbc.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit_head row is missing: the audit chain cannot grow");
                }
                return new Head(rs.getLong(1), rs.getString(2));
            }
        });
    }

    /** The last record of the chain: its seq (0 for an empty chain) and hash. */
    public record Head(long seq, String hash) {
    }

    private long append(AuditEntry e) {
        Head head = lockHead();
        String prevHash = head.hash();
        long seq = head.seq() + 1;
        Instant at = Times.now(clock);
        String details = Json.canonical(e.details());
        String decision = e.decision().name();
        String hash = AuditHash.hash(seq, at, e.actor().id(), e.action(), e.subjectType(), e.subjectId(),
                decision, e.reason(), e.details(), prevHash);
        jdbc.prepareStatement("INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, decision,"
                + " reason, details_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setLong(1, seq);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, e.actor().id());
            ps.setString(4, e.action());
            ps.setString(5, e.subjectType());
            ps.setString(6, e.subjectId());
            ps.setString(7, decision);
            ps.setString(8, e.reason());
            ps.setString(9, details);
            ps.setString(10, prevHash);
            ps.setString(11, hash);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", ps -> {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            return ps.executeUpdate();
        });
        return seq;
    }

    /** The order of the listing: the chain's own sequence. */
    public static final String ORDER = "seq DESC";

    /**
     * Records matching {@code filter}, newest first; the page's {@code next} is the seq of its last
     * record, which {@link AuditFilter#beforeSeq} takes back.
     */
    @ReadOnly
    public PageView<AuditEventView> list(AuditFilter filter, int limit) {
        return query(filter).page(jdbc, AuditService::view, ORDER, limit, v -> String.valueOf(v.seq()));
    }

    /** The statement {@link #list} runs, before its ORDER BY and LIMIT. */
    public static FilteredQuery query(AuditFilter filter) {
        return FilteredQuery.from("audit_event")
                .where("seq", "<", filter.beforeSeq())
                .whereEquals("actor", filter.actor())
                .whereEquals("action", filter.action())
                .whereEquals("decision", filter.decision() == null ? null : filter.decision().name())
                .whereEquals("subject_id", filter.subjectId())
                .where("at", ">=", filter.from() == null ? null : OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC))
                .where("at", "<", filter.to() == null ? null : OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
    }

    /**
     * Walks the whole chain in order, recomputing every hash from the stored fields, and checks the
     * head. Reports the first record that does not match. This alone cannot tell a consistently
     * re-chained history from the original; {@link AuditVerification} adds the signed checkpoint.
     */
    @ReadOnly
    public AuditVerifyView verify() {
        return verifyAfter(0, AuditHash.GENESIS);
    }

    /**
     * Walks the chain from record {@code afterSeq + 1} to the head read when the walk starts, the first
     * record pointing at {@code afterHash}; {@code checked} counts only those records. Records appended
     * during the walk are left for the next one.
     */
    @ReadOnly
    public AuditVerifyView verifyAfter(long afterSeq, String afterHash) {
        Head head = head();
        if (head == null) {
            return chainView(false, 0, afterSeq + 1, "the chain head is missing");
        }
        Stretch walked = new Stretch(afterSeq, afterHash, 0, null, null);
        while (!walked.broken() && walked.lastSeq() < head.seq()) {
            Stretch next = checkStretch(walked.lastSeq(), walked.lastHash(), head.seq(), VERIFY_BATCH);
            walked = new Stretch(next.lastSeq(), next.lastHash(), walked.checked() + next.checked(),
                    next.brokenSeq(), next.detail());
        }
        if (walked.broken()) {
            return chainView(false, walked.checked(), walked.brokenSeq(), walked.detail());
        }
        String end = endProblem(walked, head);
        return end == null ? chainView(true, walked.checked(), null, null)
                : chainView(false, walked.checked(), walked.lastSeq() + 1, end);
    }

    /** What is wrong with a walk that ended at {@code walked.lastSeq()} for a chain whose head was {@code head}. */
    static String endProblem(Stretch walked, Head head) {
        if (walked.lastSeq() > head.seq() || walked.lastSeq() == head.seq() && !walked.lastHash().equals(head.hash())) {
            return "the chain ends at record " + walked.lastSeq() + " but its head names record " + head.seq()
                    + " with another hash";
        }
        return null;
    }

    /**
     * Checks at most {@code max} records after {@code afterSeq} and up to {@code untilSeq}: each is there,
     * points at its predecessor's hash ({@code afterHash} for the first) and hashes to what it stores.
     */
    @ReadOnly
    public Stretch checkStretch(long afterSeq, String afterHash, long untilSeq, int max) {
        List<AuditEventView> batch = jdbc.prepareStatement(
                "SELECT * FROM audit_event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", ps -> {
                    ps.setLong(1, afterSeq);
                    ps.setLong(2, untilSeq);
                    ps.setInt(3, max);
                    List<AuditEventView> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(view(rs));
                        }
                    }
                    return out;
                });
        long expectedSeq = afterSeq + 1;
        String expectedPrev = afterHash;
        long checked = 0;
        if (batch.isEmpty() && afterSeq < untilSeq) {
            return new Stretch(afterSeq, afterHash, 0, expectedSeq, "record " + expectedSeq
                    + " is missing: records were removed from the end (the chain head names record " + untilSeq + ")");
        }
        for (AuditEventView v : batch) {
            String problem = null;
            if (v.seq() != expectedSeq) {
                problem = "record " + expectedSeq + " is missing (next present is " + v.seq() + ")";
            } else if (!v.prevHash().equals(expectedPrev)) {
                problem = "record " + v.seq() + " does not point at its predecessor's hash";
            } else if (!AuditHash.of(v).equals(v.hash())) {
                problem = "record " + v.seq() + " was changed after it was written";
            }
            if (problem != null) {
                return new Stretch(expectedSeq - 1, expectedPrev, checked, expectedSeq, problem);
            }
            expectedPrev = v.hash();
            expectedSeq++;
            checked++;
        }
        return new Stretch(expectedSeq - 1, expectedPrev, checked, null, null);
    }

    /**
     * A checked stretch of the chain.
     *
     * @param lastSeq   the last record found intact (the start when none was)
     * @param lastHash  its hash
     * @param checked   how many records were found intact
     * @param brokenSeq the first that is not, or {@code null}
     * @param detail    what is wrong with it
     */
    public record Stretch(long lastSeq, String lastHash, long checked, Long brokenSeq, String detail) {

        public boolean broken() {
            return brokenSeq != null;
        }
    }

    /** The chain head as stored, without locking it; {@code null} when its row is missing. */
    @ReadOnly
    public Head head() {
        return jdbc.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
            }
        });
    }

    /** The record at {@code seq}, if there is one. */
    @ReadOnly
    public java.util.Optional<AuditEventView> find(long seq) {
        return jdbc.prepareStatement("SELECT * FROM audit_event WHERE seq = ?", ps -> {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(view(rs)) : java.util.Optional.<AuditEventView>empty();
            }
        });
    }

    private static AuditVerifyView chainView(boolean ok, long checked, Long brokenSeq, String detail) {
        return new AuditVerifyView(ok, checked, brokenSeq, detail, null, null);
    }

    private static AuditEventView view(ResultSet rs) throws SQLException {
        return new AuditEventView(
                rs.getLong("seq"),
                instant(rs, "at"),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("decision"),
                rs.getString("reason"),
                Json.read(rs.getString("details_json")),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime odt = rs.getObject(column, OffsetDateTime.class);
        if (odt != null) {
            return odt.toInstant();
        }
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
