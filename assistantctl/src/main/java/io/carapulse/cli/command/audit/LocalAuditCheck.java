package io.carapulse.cli.command.audit;

import io.carapulse.api.audit.AuditHash;
import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.cli.http.ApiClient;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit verify --public-key}: the check done here, trusting nothing the server concludes. Every
 * record is fetched and rehashed with {@link AuditHash}; every checkpoint (the server's, or an exported
 * file's) must carry a valid signature of the given public key and match the record it names, so a
 * history edited and re-chained in the database is found. Order of work: the newest record's seq
 * first, then the checkpoints, then the records up to that seq, so a checkpoint signed meanwhile is
 * neither missing nor expected.
 */
final class LocalAuditCheck {

    private final ApiClient api;
    private final PublicKey key;
    private final String keyId;

    /** The first problem found, by the lowest record it concerns. */
    private Long brokenSeq;
    private String detail;

    LocalAuditCheck(ApiClient api, PublicKey key) {
        this.api = api;
        this.key = key;
        this.keyId = Checkpoints.keyId(key);
    }

    /**
     * @param exported checkpoints from an exported file, or {@code null} to check the server's
     * @param source   how to name where {@code exported} came from in a message
     */
    AuditVerifyView run(List<AuditCheckpointView> exported, String source) {
        long top = AuditRecords.top(api);
        List<AuditCheckpointView> onServer = AuditRecords.checkpoints(api);
        List<AuditCheckpointView> toCheck = exported != null ? exported
                : onServer.stream().filter(c -> c.seq() <= top).toList();
        Set<Long> wanted = new HashSet<>();
        toCheck.forEach(c -> wanted.add(c.seq()));

        Map<Long, String> hashAt = new HashMap<>();
        Map<Long, Long> signingRecords = new HashMap<>();
        long[] checked = {0};
        AuditEventView[] newer = {null};
        AuditRecords.walk(api, top, r -> {
            checked[0]++;
            if (newer[0] == null ? r.seq() != top : r.seq() != newer[0].seq() - 1) {
                long missing = newer[0] == null ? top : newer[0].seq() - 1;
                problem(missing, "record " + missing + " is missing (next present is " + r.seq() + ")");
            } else if (newer[0] != null && !newer[0].prevHash().equals(r.hash())) {
                problem(newer[0].seq(), "record " + newer[0].seq() + " does not point at its predecessor's hash");
            }
            if (!AuditHash.of(r).equals(r.hash())) {
                problem(r.seq(), "record " + r.seq() + " was changed after it was written");
            }
            if (r.seq() == 1 && !AuditHash.GENESIS.equals(r.prevHash())) {
                problem(1L, "record 1 does not start the chain");
            }
            if (wanted.contains(r.seq())) {
                hashAt.put(r.seq(), AuditHash.of(r));
            }
            if ("audit.checkpoint".equals(r.action()) && r.subjectId() != null && r.subjectId().matches("\\d{1,18}")) {
                signingRecords.put(Long.parseLong(r.subjectId()), r.seq());
            }
            newer[0] = r;
        });
        if (newer[0] != null && newer[0].seq() != 1) {
            long missing = newer[0].seq() - 1;
            problem(missing, "records 1-" + missing + " are missing");
        }

        CheckpointCheck check = checkpoints(toCheck, onServer, exported != null, source, top, hashAt, signingRecords);
        if (check.broken()) {
            problem(check.seq(), check.detail());
        }
        return new AuditVerifyView(detail == null, checked[0], brokenSeq, detail, check, AuditVerifyView.CHAIN_START);
    }

    private CheckpointCheck checkpoints(List<AuditCheckpointView> toCheck, List<AuditCheckpointView> onServer,
                                        boolean fromFile, String source, long top, Map<Long, String> hashAt,
                                        Map<Long, Long> signingRecords) {
        Map<Long, AuditCheckpointView> serverById = new HashMap<>();
        onServer.forEach(c -> serverById.put(c.id(), c));
        CheckpointCheck first = null;
        for (Map.Entry<Long, Long> signed : signingRecords.entrySet()) {
            if (!serverById.containsKey(signed.getKey())) {
                first = earliest(first, broken(signed.getKey(), signed.getValue(), null, "checkpoint "
                        + signed.getKey() + " was removed from the server (audit record " + signed.getValue()
                        + " records its signing)"));
            }
        }
        if (toCheck.isEmpty()) {
            return first != null ? first : broken(null, null, null, "there is no signed checkpoint "
                    + (fromFile ? "in " + source : "on the server") + " to check the records against");
        }
        AuditCheckpointView latest = null;
        for (AuditCheckpointView c : toCheck.stream().sorted(Comparator.comparingLong(AuditCheckpointView::id)).toList()) {
            String name = "checkpoint " + c.id() + (fromFile ? " from " + source : "");
            String problem;
            if (!keyId.equals(c.keyId())) {
                problem = name + " names key " + c.keyId() + ", not the key given (" + keyId + ")";
            } else if (!Checkpoints.verify(key, c)) {
                problem = name + " does not carry a valid signature of key " + keyId + ": it was forged or altered";
            } else if (c.seq() > top || !hashAt.containsKey(c.seq())) {
                problem = "record " + c.seq() + ", signed by " + name + ", is missing on the server";
            } else if (!hashAt.get(c.seq()).equals(c.hash())) {
                problem = "the records up to " + c.seq() + " are not the ones " + name + " signed at " + c.createdAt()
                        + ": the history was rewritten";
            } else if (fromFile && !c.equals(serverById.get(c.id()))) {
                problem = name + " is not on the server any more (removed or replaced)";
            } else {
                problem = null;
            }
            if (problem != null) {
                first = earliest(first, broken(c.id(), c.seq(), c.keyId(), problem));
            } else if (latest == null || c.seq() >= latest.seq()) {
                latest = c;
            }
        }
        if (first != null) {
            return first;
        }
        return new CheckpointCheck(CheckpointCheck.OK, latest.id(), latest.seq(), latest.keyId(), toCheck.size()
                + " checkpoint(s) verified; the latest, " + latest.id() + ", covers records 1-" + latest.seq()
                + ", signed at " + latest.createdAt());
    }

    private static CheckpointCheck broken(Long id, Long seq, String keyId, String detail) {
        return new CheckpointCheck(CheckpointCheck.BROKEN, id, seq, keyId, detail);
    }

    private static CheckpointCheck earliest(CheckpointCheck a, CheckpointCheck b) {
        if (a == null) {
            return b;
        }
        return b.seq() != null && (a.seq() == null || b.seq() < a.seq()) ? b : a;
    }

    private void problem(Long seq, String what) {
        if (detail == null || (seq != null && (brokenSeq == null || seq < brokenSeq))) {
            // the problem nearest the start of the log is reported: everything after it is suspect anyway
            brokenSeq = seq;
            detail = what;
        }
    }
}
