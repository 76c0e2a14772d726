package io.carapulse.tools.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Fits Carapulse's names into what STS accepts. A name that had to change (a character STS refuses,
 * too long, too short) gets a suffix of its SHA-256, so two different originals never end up the same
 * (CloudTrail must not attribute one person's change to another).
 */
final class StsNames {

    /** {@code RoleSessionName} and {@code SourceIdentity}: {@code [\w+=,.@-]}, 2 to 64 characters. */
    private static final Pattern NAME_CHAR = Pattern.compile("[A-Za-z0-9_+=,.@-]");
    /** A session tag value: letters, separators, digits and {@code _.:/=+-@}, at most 256 characters. */
    private static final Pattern TAG_CHAR = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
    private static final int NAME_MAX = 64;
    private static final int NAME_MIN = 2;
    private static final int TAG_VALUE_MAX = 256;
    private static final int HASH_CHARS = 8;

    private StsNames() {
    }

    /** {@code carapulse-<executionId>-<stepIndex>} as a role session name. */
    static String sessionName(String executionId, int stepIndex) {
        return fit("carapulse-" + executionId + "-" + stepIndex, NAME_CHAR, NAME_MIN, NAME_MAX);
    }

    /** The requester as a {@code SourceIdentity}. */
    static String sourceIdentity(String requester) {
        return fit(requester, NAME_CHAR, NAME_MIN, NAME_MAX);
    }

    /** {@code value} as a session tag value. */
    static String tagValue(String value) {
        return fit(value, TAG_CHAR, 0, TAG_VALUE_MAX);
    }

    /**
     * {@code text} with every refused character replaced by {@code _}; when that changed it, or it is
     * out of bounds, cut to leave room for {@code -<8 hex of sha256(text)>} and suffixed with it.
     */
    static String fit(String text, Pattern allowed, int min, int max) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            out.append(allowed.matcher(c).matches() ? c : "_");
        });
        String cleaned = out.toString();
        if (cleaned.equals(text) && cleaned.length() >= min && cleaned.length() <= max) {
            return cleaned;
        }
        String suffix = "-" + sha256(text).substring(0, HASH_CHARS);
        int keep = Math.min(cleaned.length(), max - suffix.length());
        // never cut a surrogate pair in half
        if (keep > 0 && Character.isHighSurrogate(cleaned.charAt(keep - 1))) {
            keep--;
        }
        return cleaned.substring(0, keep) + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
