package io.carapulse.llm.auth;

import java.time.Instant;

/**
 * What the {@code openai-codex} provider would use now, for {@code assistantctl llm auth status} and
 * {@code doctor}; computed from the file and the clock alone (no network, no refresh).
 *
 * @param state      where the credential stands
 * @param credential {@code profile:<id>} or {@code env:OPENAI_ACCESS_TOKEN}; {@code null} when not configured
 * @param selectedBy why that one: {@code OPENAI_ACCESS_TOKEN}, {@code CARAPULSE_AUTH_PROFILE}, {@code the provider's default}, …
 * @param profile    the selected profile, or {@code null} (environment token, not configured)
 * @param accountId  the ChatGPT account, or {@code null}
 * @param expiresAt  the access token's expiry, or {@code null}
 * @param detail     one line for people, with the command to run when something is wrong
 */
public record AuthStatus(State state, String credential, String selectedBy, ProfileSummary profile, String accountId,
                         Instant expiresAt, String detail) {

    /** Where a credential stands. */
    public enum State {
        /** Usable as it is. */
        VALID,
        /** Expired or older than 8 days, with a refresh token: the next use refreshes it. */
        REFRESH_DUE,
        /** Expired and cannot be refreshed: sign in again. */
        EXPIRED,
        /** No credential can be selected. */
        NOT_CONFIGURED
    }

    public boolean configured() {
        return state != State.NOT_CONFIGURED;
    }
}
