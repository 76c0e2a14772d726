package io.carapulse.llm.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Made-up JWTs shaped like ChatGPT's (unsigned: Carapulse never verifies them). */
final class TestTokens {

    static final String ACCOUNT = "11111111-2222-3333-4444-555555555555";
    static final String OTHER_ACCOUNT = "99999999-8888-7777-6666-555555555555";

    private TestTokens() {
    }

    /** An access token for {@code account} expiring at {@code exp}; unique on every call. */
    static String access(String account, Instant exp) {
        StringBuilder payload = new StringBuilder("{\"jti\":\"").append(UUID.randomUUID()).append('"');
        if (exp != null) {
            payload.append(",\"exp\":").append(exp.getEpochSecond());
        }
        if (account != null) {
            payload.append(",\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\"").append(account).append("\"}");
        }
        return jwt(payload.append('}').toString());
    }

    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("sig-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    static String refresh() {
        return "rt_FAKE_" + UUID.randomUUID().toString().replace("-", "");
    }

    static AuthProfile profile(String account, String access, String refresh, Instant lastRefresh) {
        return new AuthProfile(AuthProfile.codexId(account), AuthProfile.CODEX_PROVIDER,
                refresh == null ? ProfileType.TOKEN : ProfileType.OAUTH, account, access, refresh, null,
                JwtClaims.parseLeniently(access).expiresAt(), "manual", lastRefresh,
                lastRefresh == null ? Instant.parse("2026-11-01T00:00:00Z") : lastRefresh);
    }
}
