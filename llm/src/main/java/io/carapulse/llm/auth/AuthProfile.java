package io.carapulse.llm.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * One credential in the token sink. Only {@link #toString()}-safe fields are ever shown; the three
 * tokens never leave this record except towards the provider and the token endpoint.
 *
 * @param id           {@code openai-codex:<accountId>}
 * @param provider     {@code openai-codex}
 * @param type         {@link ProfileType#OAUTH} when a refresh token is held, else {@link ProfileType#TOKEN}
 * @param accountId    the ChatGPT account, sent as {@code ChatGPT-Account-ID}
 * @param accessToken  the bearer token (a JWT)
 * @param refreshToken the single-use, rotating refresh token, or {@code null} for {@link ProfileType#TOKEN}
 * @param idToken      the OpenID id token, or {@code null}
 * @param expiresAt    the access token's expiry (JWT {@code exp}), or {@code null} when unknown
 * @param source       where it was imported from: {@code codex:<path>}, {@code openclaw:<path>}, {@code manual}
 * @param lastRefresh  when the tokens were last minted (by a refresh here, or by the source program), or {@code null}
 * @param importedAt   when it entered the token sink
 */
public record AuthProfile(
        String id,
        String provider,
        ProfileType type,
        String accountId,
        String accessToken,
        String refreshToken,
        String idToken,
        Instant expiresAt,
        String source,
        Instant lastRefresh,
        Instant importedAt) {

    public static final String CODEX_PROVIDER = "openai-codex";

    public AuthProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(importedAt, "importedAt");
        if (type == ProfileType.OAUTH && (refreshToken == null || refreshToken.isBlank())) {
            throw new IllegalArgumentException("profile " + id + " is of type oauth but has no refresh token");
        }
    }

    /** The id a ChatGPT account's profile has. */
    public static String codexId(String accountId) {
        return CODEX_PROVIDER + ":" + accountId;
    }

    /** The same profile after a refresh: fields the server did not return keep their old value. */
    AuthProfile refreshed(RefreshedTokens tokens, Instant now) {
        String access = tokens.accessToken() != null ? tokens.accessToken() : accessToken;
        Instant expiry = tokens.accessToken() != null ? JwtClaims.parseLeniently(access).expiresAt() : expiresAt;
        return new AuthProfile(id, provider, type, accountId, access,
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                tokens.idToken() != null ? tokens.idToken() : idToken,
                expiry, source, now, importedAt);
    }

    /** Where a credential drawn from this profile says it came from. */
    public String credentialSource() {
        return "profile:" + id;
    }

    @Override
    public String toString() {
        return "AuthProfile[id=" + id + ", provider=" + provider + ", type=" + type + ", accountId=" + accountId
                + ", expiresAt=" + expiresAt + ", source=" + source + ", lastRefresh=" + lastRefresh
                + ", importedAt=" + importedAt + "]";
    }
}
