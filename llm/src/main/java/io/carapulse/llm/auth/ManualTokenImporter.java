package io.carapulse.llm.auth;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Imports ChatGPT tokens given by hand: an access token (a JWT), optionally the refresh token that
 * goes with it and the account id (else the JWT's {@code chatgpt_account_id} claim). Without a
 * refresh token the profile works until the access token expires.
 */
public final class ManualTokenImporter {

    static final ProfileImport.PreviousOwner WHEREVER = new ProfileImport.PreviousOwner(
            "the program you copied it from", "with that program's own login");

    private final ProfileStore store;
    private final Clock clock;

    public ManualTokenImporter(ProfileStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param accessToken  required, a ChatGPT access token (JWT)
     * @param refreshToken optional ({@code null} or blank)
     * @param accountId    optional; must match the token's claim when both are there
     * @throws AuthImportException when the access token is not a JWT or no account id can be found
     */
    public ImportResult importTokens(String accessToken, String refreshToken, String accountId) {
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(accessToken, "the access token");
        } catch (IllegalArgumentException e) {
            throw new AuthImportException(e.getMessage());
        }
        String account = blankToNull(accountId);
        if (account != null && claims.accountId() != null && !account.equals(claims.accountId())) {
            throw new AuthImportException("the account id given (" + account + ") is not the one in the access token ("
                    + claims.accountId() + ")");
        }
        if (account == null) {
            account = claims.accountId();
        }
        if (account == null) {
            throw new AuthImportException("the access token carries no " + JwtClaims.ACCOUNT_ID
                    + " claim; give the account id as well");
        }
        String refresh = blankToNull(refreshToken);
        AuthProfile profile = new AuthProfile(AuthProfile.codexId(account), AuthProfile.CODEX_PROVIDER,
                refresh == null ? ProfileType.TOKEN : ProfileType.OAUTH, account, accessToken.trim(), refresh, null,
                claims.expiresAt(), "manual", null, clock.instant());
        List<String> warnings = refresh == null
                ? List.of("no refresh token given: " + profile.id() + " works until " + profile.expiresAt()
                        + ", then sign in again")
                : List.of();
        return ProfileImport.save(store, "manual", WHEREVER, List.of(profile), List.of(), List.of(), warnings);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
