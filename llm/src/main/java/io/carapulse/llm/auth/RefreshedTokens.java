package io.carapulse.llm.auth;

/**
 * What the token endpoint returned; each field is {@code null} when the server left it out (the
 * profile then keeps its old value).
 */
record RefreshedTokens(String idToken, String accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "RefreshedTokens[idToken=" + (idToken != null) + ", accessToken=" + (accessToken != null)
                + ", refreshToken=" + (refreshToken != null) + "]";
    }
}
