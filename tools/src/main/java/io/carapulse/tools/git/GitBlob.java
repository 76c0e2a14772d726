package io.carapulse.tools.git;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Git's object id of a blob: SHA-1 of {@code "blob <length>\0"} followed by the content. The SHAs GitHub
 * (contents API {@code sha}) and GitLab (files API {@code blob_id}) report for a file are these, so a
 * file's content read now can be compared with the one a plan was approved against.
 */
public final class GitBlob {

    private GitBlob() {
    }

    public static String sha1(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
