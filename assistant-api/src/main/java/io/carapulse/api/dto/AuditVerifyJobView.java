package io.carapulse.api.dto;

import java.time.Instant;

/**
 * A full verification of the audit chain running in the background: every record from the first,
 * then the checkpoint check, as {@code GET /v1/audit/verify} does for the records after its trusted
 * checkpoint.
 *
 * @param id             the job's id
 * @param status         {@link #RUNNING}, {@link #OK}, {@link #BROKEN} or {@link #FAILED}
 * @param checked        records checked so far
 * @param total          the records it will check: the chain's length when it started
 * @param firstBrokenSeq the first record that does not match, or {@code null}
 * @param detail         what is wrong (broken), why it could not finish (failed), or what was proven (ok)
 * @param requestedBy    who started it
 * @param createdAt      when it was started
 * @param endedAt        when it ended, or {@code null} while running
 */
public record AuditVerifyJobView(String id, String status, long checked, long total, Long firstBrokenSeq,
                                 String detail, String requestedBy, Instant createdAt, Instant endedAt) {

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String BROKEN = "broken";
    public static final String FAILED = "failed";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
