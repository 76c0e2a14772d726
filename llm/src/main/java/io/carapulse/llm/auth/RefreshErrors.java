package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import java.util.Set;

/**
 * The one place a failed refresh becomes an exception. Permanent (the refresh token is dead, only a
 * new login helps): HTTP 401, the three {@code refresh_token_*} errors, and OAuth's
 * {@code invalid_grant}. Transient (the same refresh may work later): 408, 429, 5xx. Any other
 * status is treated as permanent too: repeating the same request cannot change the answer. Messages
 * carry the status and the server's error code, never the body (it may echo a token).
 */
final class RefreshErrors {

    static final String LOGIN = "`assistantctl llm auth login`";

    private static final Set<String> DEAD_TOKEN = Set.of(
            "refresh_token_expired", "refresh_token_reused", "refresh_token_invalidated", "invalid_grant");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshErrors() {
    }

    static CarapulseException fromResponse(String profileId, int status, String body) {
        String code = errorCode(body);
        String what = "refreshing auth profile " + profileId + " failed: HTTP " + status
                + (code == null ? "" : " (" + code + ")");
        if (status == 401 || (code != null && DEAD_TOKEN.contains(code))) {
            return authExpired(what + explain(code));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new LlmException.Unavailable(what + "; try again later", null);
        }
        return authExpired(what);
    }

    static LlmException.AuthExpired authExpired(String what) {
        return new LlmException.AuthExpired(what + ". Sign in again with " + LOGIN);
    }

    private static String explain(String code) {
        if ("refresh_token_reused".equals(code)) {
            return ": the refresh token was already used, probably by another program holding a copy of it"
                    + " (Codex CLI, OpenClaw); only one program may refresh a token";
        }
        if ("refresh_token_expired".equals(code)) {
            return ": the refresh token expired";
        }
        if ("refresh_token_invalidated".equals(code)) {
            return ": the refresh token was revoked (signed out, or the password changed)";
        }
        return ": the refresh token is no longer valid";
    }

    /**
     * {@code error} when a string, else {@code error.code}, else a top-level {@code code}; only when it
     * looks like an identifier.
     */
    static String errorCode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            String code = error.isTextual() ? error.asText() : error.path("code").asText(null);
            if (code == null) {
                code = root.path("code").asText(null);
            }
            return code != null && code.matches("[A-Za-z0-9_.-]{1,64}") ? code : null;
        } catch (Exception e) {
            return null;
        }
    }
}
