package io.carapulse.core.audit;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.api.dto.AuditVerifyView.From;
import io.carapulse.api.dto.PageView;
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
 * {@code GET /v1/audit/verify}: the hash chain and, when a key is configured, the signed checkpoints.
 * The chain alone shows only that the records agree with each other; a history edited and re-chained
 * by someone who can write the database agrees with itself too. A checkpoint's signature (by a key the
 * database does not hold) pins the hash of record {@code seq}, which such a history no longer has.
 *
 * <p>The walk is incremental: it starts after the newest checkpoint this server can verify itself
 * (signed by the configured key, its record still there with the signed hash) and checks only the
 * records since. A checkpoint that fails those checks is never a starting point; the one before it
 * is tried, down to the start of the chain. What lies before the starting point is proven by the
 * signature over its record's hash only as far as that hash commits to it; the whole walk is the
 * background job ({@link AuditVerifyJobs}).
 */
@Singleton
public class AuditVerification {

    private static final int ANCHOR_PAGE = 50;

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

    /** The records after the newest trusted checkpoint, and the checkpoint check. */
    @ReadOnly
    public AuditVerifyView verify() {
        CheckpointCheck check = checkpoint();
        Optional<AuditCheckpointView> anchor = trustedAnchor();
        From from = anchor.map(c -> new From(c.id(), c.seq())).orElse(AuditVerifyView.CHAIN_START);
        AuditVerifyView chain = anchor.map(c -> audit.verifyAfter(c.seq(), c.hash())).orElseGet(audit::verify);
        return combine(chain, check, from);
    }

    /** The chain walked from its start ({@code chain}) or from {@code from}, with the checkpoint check. */
    static AuditVerifyView combine(AuditVerifyView chain, CheckpointCheck check, From from) {
        if (!chain.ok()) {
            return new AuditVerifyView(false, chain.checked(), chain.firstBrokenSeq(), chain.detail(), check, from);
        }
        if (check.broken()) {
            return new AuditVerifyView(false, chain.checked(), check.seq(), check.detail(), check, from);
        }
        return new AuditVerifyView(true, chain.checked(), null, null, check, from);
    }

    /**
     * The newest checkpoint that passes every check this server can make: it names the configured key,
     * its signature verifies, and the record it covers is there, hashes to what it stores, and that is
     * the signed hash. Empty without a key, or when no checkpoint passes.
     */
    @ReadOnly
    public Optional<AuditCheckpointView> trustedAnchor() {
        Optional<PublicKey> key = keys.verifyKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Long before = null;
        while (true) {
            PageView<AuditCheckpointView> page = checkpoints.list(before, ANCHOR_PAGE);
            for (AuditCheckpointView c : page.items()) {
                if (check(c, key.get(), keys.keyId()).status().equals(CheckpointCheck.OK)) {
                    return Optional.of(c);
                }
            }
            if (page.next() == null) {
                return Optional.empty();
            }
            before = Long.valueOf(page.next());
        }
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
        if (!AuditHash.of(record.get()).equals(c.hash()) || !c.hash().equals(record.get().hash())) {
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
