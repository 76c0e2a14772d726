package io.carapulse.tools.git;

/**
 * How large a proposed change may be: the bytes of any one file (before and after the change) and the
 * number of files. An environment's inventory may lower or raise the file size ({@code max-file-bytes}).
 *
 * @param maxFileBytes the most bytes of one file's content
 * @param maxFiles     the most files one change may touch
 */
public record ChangeLimits(int maxFileBytes, int maxFiles) {

    /** 256 KiB per file, 50 files. */
    public static final ChangeLimits DEFAULT = new ChangeLimits(256 * 1024, 50);

    public ChangeLimits {
        if (maxFileBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The same limits with another file size. */
    public ChangeLimits withMaxFileBytes(int bytes) {
        return new ChangeLimits(bytes, maxFiles);
    }
}
