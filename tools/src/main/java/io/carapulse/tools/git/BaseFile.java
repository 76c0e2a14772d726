package io.carapulse.tools.git;

import java.util.Objects;

/**
 * One path of a proposed change as the git host has it at the base commit, read by the family (GitHub's
 * contents API, GitLab's files and tree APIs).
 *
 * @param path    the path in the repository
 * @param kind    what the path is at the base
 * @param blobSha the git object id at the base ({@code null} when absent)
 * @param content the file's bytes, only for {@link Kind#FILE}
 */
public record BaseFile(String path, Kind kind, String blobSha, byte[] content) {

    /** What a path is at the base. Only a regular file or nothing may be changed. */
    public enum Kind { FILE, ABSENT, SYMLINK, SUBMODULE, DIRECTORY }

    public BaseFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.FILE) {
            Objects.requireNonNull(blobSha, "blobSha");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Nothing at {@code path}: the change creates it. */
    public static BaseFile absent(String path) {
        return new BaseFile(path, Kind.ABSENT, null, null);
    }

    /** A regular file. */
    public static BaseFile file(String path, String blobSha, byte[] content) {
        return new BaseFile(path, Kind.FILE, blobSha, content);
    }

    /** A symlink, a submodule or a directory: never changed by a proposed change. */
    public static BaseFile other(String path, Kind kind, String blobSha) {
        if (kind == Kind.FILE || kind == Kind.ABSENT) {
            throw new IllegalArgumentException("use file() or absent() for " + kind);
        }
        return new BaseFile(path, kind, blobSha, null);
    }
}
