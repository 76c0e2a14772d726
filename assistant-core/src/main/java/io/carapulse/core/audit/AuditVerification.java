package io.carapulse.core.audit;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/audit/verify}: the hash chain ({@link AuditService#verify}) and, when a key is
 * configured, the latest signed checkpoint. The chain alone shows only that the records agree with
 * each other; a history edited and re-chained by someone who can write the database agrees with
 * itself too. The checkpoint's signature (by a key the database does not hold) pins the hash of
 * record {@code seq}, which such a history no longer has.
 */
@Singleton
public class AuditVerification {

    private final AuditService audit;
    private final AuditCheckpoints checkpoints;
    private final AuditKeys keys;
    private final JdbcOperations jdbc;

    public AuditVerification(AuditService audit, AuditCheckpoints checkpoints, AuditKeys keys, JdbcOperations jdbc) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @ReadOnly
    public AuditVerifyView verify() {
        AuditVerifyView chain = audit.verify();
        CheckpointCheck check = checkpoint();
        if (!chain.ok()) {
            return new AuditVerifyView(false, chain.checked(), chain.firstBrokenSeq(), chain.detail(), check);
        }
        if (check.broken()) {
            return new AuditVerifyView(false, chain.checked(), check.seq(), check.detail(), check);
        }
        return new AuditVerifyView(true, chain.checked(), null, null, check);
    }

    /** The latest checkpoint against the records, and every checkpoint the chain says was signed still there. */
    @ReadOnly
    public CheckpointCheck checkpoint() {
        Optional<PublicKey> key = keys.verifyKey();
        if (key.isEmpty()) {
            int stored = checkpoints.ids().size();
            return CheckpointCheck.off(stored == 0 ? "no audit signing key is configured"
                    : stored + " signed checkpoint(s) not checked: no key is configured (carapulse.audit.verify-key)");
        }
        String keyId = keys.keyId();
        Set<Long> stored = new HashSet<>(checkpoints.ids());
        for (Map.Entry<Long, Long> signed : signedByRecord().entrySet()) {
            if (!stored.contains(signed.getKey())) {
                return new CheckpointCheck(CheckpointCheck.BROKEN, signed.getKey(), signed.getValue(), keyId,
                        "checkpoint " + signed.getKey() + " was removed (audit record " + signed.getValue()
                                + " records its signing)");
            }
        }
        Optional<AuditCheckpointView> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return CheckpointCheck.none(keyId);
        }
        return check(latest.get(), key.get(), keyId);
    }

    private CheckpointCheck check(AuditCheckpointView c, PublicKey key, String keyId) {
        String name = "checkpoint " + c.id();
        if (!keyId.equals(c.keyId())) {
            return broken(c, name + " names key " + c.keyId() + ", not the configured key " + keyId);
        }
        if (!Checkpoints.verify(key, c)) {
            return broken(c, name + " does not carry a valid signature of key " + keyId + ": it was forged or altered");
        }
        Optional<AuditEventView> record = audit.find(c.seq());
        if (record.isEmpty()) {
            return broken(c, "record " + c.seq() + ", signed by " + name + ", is missing");
        }
        if (!AuditHash.of(record.get()).equals(c.hash())) {
            return broken(c, "the records up to " + c.seq() + " are not the ones " + name + " signed at "
                    + c.createdAt() + ": the history was rewritten");
        }
        return new CheckpointCheck(CheckpointCheck.OK, c.id(), c.seq(), c.keyId(),
                "records 1-" + c.seq() + " match " + name + ", signed at " + c.createdAt());
    }

    private static CheckpointCheck broken(AuditCheckpointView c, String detail) {
        return new CheckpointCheck(CheckpointCheck.BROKEN, c.id(), c.seq(), c.keyId(), detail);
    }

    /** Checkpoint id to the seq of the audit record that says it was signed. */
    private Map<Long, Long> signedByRecord() {
        return jdbc.prepareStatement("SELECT seq, subject_id FROM audit_event WHERE action = ? ORDER BY seq", ps -> {
            ps.setString(1, AuditCheckpoints.ACTION);
            Map<Long, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    if (id != null && id.matches("\\d{1,18}")) {
                        out.put(Long.parseLong(id), rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }
}
