package io.carapulse.tools.git;

/**
 * One file of a prepared change.
 *
 * @param path        the path in the repository
 * @param baseBlobSha its blob at the base, {@code null} when the change creates it
 * @param newContent  its bytes after the change, {@code null} when the change deletes it
 * @param newBlobSha  the blob of {@code newContent}, {@code null} when deleted
 */
public record FileChange(String path, String baseBlobSha, byte[] newContent, String newBlobSha) {

    /** Whether the change creates the file. */
    public boolean creates() {
        return baseBlobSha == null;
    }

    /** Whether the change deletes the file. */
    public boolean deletes() {
        return newContent == null;
    }
}
