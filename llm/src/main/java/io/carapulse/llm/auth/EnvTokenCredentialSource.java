package io.carapulse.llm.auth;

import io.carapulse.api.llm.LlmException;
import java.util.Objects;

/**
 * {@code OPENAI_ACCESS_TOKEN}: a ChatGPT access token given directly, overriding every profile. It
 * cannot be refreshed, so a 401 ends in {@link LlmException.AuthExpired}.
 */
public final class EnvTokenCredentialSource implements CodexCredentialSource {

    public static final String SOURCE = "env:" + AuthEnv.ACCESS_TOKEN;

    private final CodexCredential credential;

    /**
     * @throws LlmException.NotConfigured when the token is not a JWT carrying the ChatGPT account claim
     */
    public EnvTokenCredentialSource(String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(accessToken, AuthEnv.ACCESS_TOKEN);
        } catch (IllegalArgumentException e) {
            throw new LlmException.NotConfigured(e.getMessage() + "; set it to a ChatGPT access token or unset it");
        }
        if (claims.accountId() == null) {
            throw new LlmException.NotConfigured(AuthEnv.ACCESS_TOKEN + " carries no ChatGPT account id (claim "
                    + JwtClaims.AUTH_CLAIM + " → " + JwtClaims.ACCOUNT_ID + "); is it a ChatGPT access token?");
        }
        this.credential = new CodexCredential(accessToken.trim(), claims.accountId(), SOURCE, claims.expiresAt());
    }

    @Override
    public CodexCredential current() {
        return credential;
    }

    @Override
    public CodexCredential afterUnauthorized(CodexCredential rejected) {
        throw new LlmException.AuthExpired("the backend refused " + AuthEnv.ACCESS_TOKEN
                + (credential.expiresAt() == null ? "" : " (it expires at " + credential.expiresAt() + ")")
                + ", which Carapulse cannot refresh. Set a fresh token, or unset it and sign in with "
                + RefreshErrors.LOGIN);
    }
}
