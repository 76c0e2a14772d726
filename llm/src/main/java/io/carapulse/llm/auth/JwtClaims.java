package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * The two claims Carapulse reads from a ChatGPT token, decoded WITHOUT verifying the signature: the
 * token is only ever sent back to the party that signed it, so its claims are hints (when to refresh,
 * which account header to send), never trust decisions.
 *
 * @param expiresAt the {@code exp} claim, or {@code null} when absent
 * @param accountId {@code https://api.openai.com/auth} → {@code chatgpt_account_id}, or {@code null}
 */
public record JwtClaims(Instant expiresAt, String accountId) {

    static final String AUTH_CLAIM = "https://api.openai.com/auth";
    static final String ACCOUNT_ID = "chatgpt_account_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Decodes a JWT's payload.
     *
     * @param token the token; never part of the message when it is malformed
     * @param what  names the token in the message, e.g. {@code "the access token in ~/.codex/auth.json"}
     * @throws IllegalArgumentException when it is not a JWT with a JSON object payload
     */
    public static JwtClaims parse(String token, String what) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            throw new IllegalArgumentException(what + " is not a JWT (expected three dot-separated parts, found "
                    + parts.length + ")");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(what + " is not a JWT (its payload is not base64url-encoded JSON)");
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException(what + " is not a JWT (its payload is not a JSON object)");
        }
        JsonNode exp = payload.get("exp");
        Instant expiresAt = exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        JsonNode account = payload.path(AUTH_CLAIM).path(ACCOUNT_ID);
        String accountId = account.isTextual() && !account.asText().isBlank() ? account.asText() : null;
        return new JwtClaims(expiresAt, accountId);
    }

    /** Like {@link #parse} but empty claims instead of an error, for tokens already accepted elsewhere. */
    static JwtClaims parseLeniently(String token) {
        try {
            return parse(token, "token");
        } catch (IllegalArgumentException e) {
            return new JwtClaims(null, null);
        }
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
