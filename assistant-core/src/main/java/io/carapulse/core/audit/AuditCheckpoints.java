package io.carapulse.core.audit;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.FilteredQuery;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints of the audit chain. Signing holds the chain head's lock (the one every append
 * takes), appends an {@code audit.checkpoint} record naming the checkpoint, and signs the head that
 * record makes: the checkpoint covers its own record, and a checkpoint row deleted later leaves that
 * record behind as evidence ({@link AuditVerification}).
 */
@Singleton
public class AuditCheckpoints {

    /** The action of the audit record each checkpoint leaves; its subject id is the checkpoint's id. */
    public static final String ACTION = "audit.checkpoint";

    private final JdbcOperations jdbc;
    private final AuditService audit;
    private final AuditKeys keys;
    private final Clock clock;

    public AuditCheckpoints(JdbcOperations jdbc, AuditService audit, AuditKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs the chain head now, for {@code actor}; {@code audit_signing_off} when no key is configured. */
    @Transactional
    public AuditCheckpointView signNow(Actor actor) {
        if (!keys.canSign()) {
            throw new ProblemException(ProblemCode.AUDIT_SIGNING_OFF, "this server has no audit signing key "
                    + "(carapulse.audit.signing-key), so it cannot sign checkpoints");
        }
        audit.lockHead();
        return sign(actor);
    }

    /**
     * The periodic checkpoint: signs the head when a key is configured and records were added since the
     * last checkpoint; nothing for an empty chain or one the latest checkpoint already covers.
     */
    @Transactional
    public Optional<AuditCheckpointView> signIfChanged() {
        if (!keys.canSign()) {
            return Optional.empty();
        }
        AuditService.Head head = audit.lockHead();
        if (head.seq() == 0 || latest().map(c -> c.seq() == head.seq()).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(sign(Actor.SYSTEM));
    }

    private AuditCheckpointView sign(Actor actor) {
        long id = nextId();
        audit.record(AuditEntry.allow(actor, ACTION, "checkpoint", String.valueOf(id)).with("keyId", keys.keyId()));
        AuditService.Head head = audit.lockHead();
        Instant created = Times.now(clock);
        String signature = keys.sign(Checkpoints.payload(id, head.seq(), head.hash(), created, keys.keyId()));
        AuditCheckpointView c = new AuditCheckpointView(id, head.seq(), head.hash(), created, keys.keyId(), signature);
        jdbc.prepareStatement("INSERT INTO audit_checkpoint (id, seq, hash, created_at, key_id, signature)"
                + " VALUES (?,?,?,?,?,?)", ps -> {
            ps.setLong(1, c.id());
            ps.setLong(2, c.seq());
            ps.setString(3, c.hash());
            ps.setObject(4, OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC));
            ps.setString(5, c.keyId());
            ps.setString(6, c.signature());
            return ps.executeUpdate();
        });
        return c;
    }

    private long nextId() {
        return jdbc.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_checkpoint", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Checkpoints, newest first; {@code beforeId} keeps those older than that one, and the page's
     * {@code next} is the id of its last checkpoint.
     */
    @ReadOnly
    public PageView<AuditCheckpointView> list(Long beforeId, int limit) {
        return FilteredQuery.from("audit_checkpoint").where("id", "<", beforeId)
                .page(jdbc, AuditCheckpoints::view, "id DESC", limit, c -> String.valueOf(c.id()));
    }

    /** The most recent checkpoint. */
    @ReadOnly
    public Optional<AuditCheckpointView> latest() {
        return jdbc.prepareStatement("SELECT * FROM audit_checkpoint ORDER BY id DESC LIMIT 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.<AuditCheckpointView>empty();
            }
        });
    }

    /** The ids of every stored checkpoint, ascending. */
    @ReadOnly
    public List<Long> ids() {
        return jdbc.prepareStatement("SELECT id FROM audit_checkpoint ORDER BY id", ps -> {
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    private static AuditCheckpointView view(ResultSet rs) throws SQLException {
        return new AuditCheckpointView(rs.getLong("id"), rs.getLong("seq"), rs.getString("hash"),
                AuditService.instant(rs, "created_at"), rs.getString("key_id"), rs.getString("signature"));
    }
}
