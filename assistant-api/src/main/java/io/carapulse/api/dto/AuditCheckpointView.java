package io.carapulse.api.dto;

import java.time.Instant;

/**
 * A signed checkpoint of the audit chain: the server's Ed25519 signature over the chain head at one
 * moment. Exported off the server, it lets anyone with the public key prove later that the records up
 * to {@code seq} are the ones that existed when it was signed (see {@code io.carapulse.api.audit.Checkpoints}).
 *
 * @param id        the checkpoint's number, 1, 2, 3 … in the order they were signed
 * @param seq       the last audit record it covers
 * @param hash      that record's hash, which covers every record before it
 * @param createdAt when it was signed
 * @param keyId     which key signed it: the first 16 hex digits of the sha256 of the public key
 * @param signature the Ed25519 signature of the canonical payload, base64
 */
public record AuditCheckpointView(long id, long seq, String hash, Instant createdAt, String keyId, String signature) {
}
