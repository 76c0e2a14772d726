package io.carapulse.api.dto;

/**
 * The result of walking the audit chain.
 *
 * @param ok             whether every record's hash matches its content and its predecessor
 * @param checked        how many records were checked
 * @param firstBrokenSeq the first record that does not match, or {@code null}
 * @param detail         what is wrong with it
 */
public record AuditVerifyView(boolean ok, long checked, Long firstBrokenSeq, String detail) {
}
