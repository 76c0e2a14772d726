package io.carapulse.api.dto;

/**
 * The result of walking the audit chain and checking it against the latest signed checkpoint.
 *
 * @param ok             whether every record's hash matches its content and its predecessor, and the
 *                       latest signed checkpoint still matches the records (when checkpoints are on)
 * @param checked        how many records were checked
 * @param firstBrokenSeq the first record that does not match, or {@code null}
 * @param detail         what is wrong with it
 * @param checkpoint     the checkpoint check
 * @param from           where the walk started: after the record of a signed checkpoint the server
 *                       verified, or at the start of the chain ({@code checkpointId} null, {@code seq}
 *                       0); {@code checked} counts only the records after it
 */
public record AuditVerifyView(boolean ok, long checked, Long firstBrokenSeq, String detail,
                              CheckpointCheck checkpoint, From from) {

    /** The start of the chain, for a walk over every record. */
    public static final From CHAIN_START = new From(null, 0);

    /**
     * Where a verification started.
     *
     * @param checkpointId the signed checkpoint it trusted, or {@code null} for the start of the chain
     * @param seq          the record that checkpoint covers (0 for the start); the walk checked those after it
     */
    public record From(Long checkpointId, long seq) {
    }

    /**
     * How the chain compares with the latest signed checkpoint.
     *
     * @param status {@link #OFF} (no key configured), {@link #NONE} (none signed yet), {@link #OK} or
     *               {@link #BROKEN}
     * @param id     the checkpoint checked, if any
     * @param seq    the last record it covers
     * @param keyId  the key it names
     * @param detail what was found
     */
    public record CheckpointCheck(String status, Long id, Long seq, String keyId, String detail) {

        public static final String OFF = "off";
        public static final String NONE = "none";
        public static final String OK = "ok";
        public static final String BROKEN = "broken";

        public static CheckpointCheck off(String detail) {
            return new CheckpointCheck(OFF, null, null, null, detail);
        }

        public static CheckpointCheck none(String keyId) {
            return new CheckpointCheck(NONE, null, null, keyId, "no checkpoint has been signed yet");
        }

        public boolean broken() {
            return BROKEN.equals(status);
        }
    }
}
