package io.carapulse.api.dto;

/**
 * Body of {@code PUT /v1/connections/{provider}/token}: a person's own personal access token, to act as
 * them where an environment says so (a {@code user_token} connection). Never shown again.
 *
 * @param token the token
 */
public record ConnectionTokenRequest(String token) {

    /** Never the token. */
    @Override
    public String toString() {
        return "ConnectionTokenRequest[" + (token == null ? "no token" : token.length() + " characters") + "]";
    }
}
