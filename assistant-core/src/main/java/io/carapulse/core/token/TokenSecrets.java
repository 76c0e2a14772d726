package io.carapulse.core.token;

import io.carapulse.core.common.Json;
import java.security.SecureRandom;
import java.util.Base64;

/** The shape of an API token and its stored form. */
final class TokenSecrets {

    static final String PREFIX = "cpt_";
    /** 32 random bytes are 43 base64url characters without padding. */
    static final int LENGTH = PREFIX.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + ENCODER.encodeToString(bytes);
    }

    /** Whether {@code raw} could be one of ours; anything else is not worth a database look-up. */
    static boolean looksLikeToken(String raw) {
        if (raw == null || raw.length() != LENGTH || !raw.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** What the database keeps: the token is high-entropy, so a plain sha256 is enough. */
    static String hash(String raw) {
        return Json.sha256Hex(raw);
    }
}
