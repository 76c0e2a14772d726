package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Imports the Codex CLI's login file, {@code $CODEX_HOME/auth.json} (default {@code ~/.codex/auth.json}):
 * the ChatGPT tokens nested under {@code tokens}, the account from {@code tokens.account_id} or else
 * the JWT claim. An API-key login ({@code "auth_mode": "apikey"}) is recognised and refused with an
 * explanation: API keys are not kept in the token sink.
 */
public final class CodexAuthImporter {

    static final String KEYRING_HINT = "if Codex keeps its credentials in the OS keyring, set "
            + "cli_auth_credentials_store = \"file\" in ~/.codex/config.toml and run `codex login` again";
    static final ProfileImport.PreviousOwner CODEX = new ProfileImport.PreviousOwner("Codex CLI", "`codex login`");

    private final ProfileStore store;
    private final AuthEnv env;
    private final Clock clock;

    public CodexAuthImporter(ProfileStore store, AuthEnv env, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code $CODEX_HOME/auth.json}, else {@code ~/.codex/auth.json}. */
    public Path defaultPath() {
        return env.codexAuthPath();
    }

    /** Imports {@link #defaultPath()}. */
    public ImportResult importDefault() {
        return importFrom(defaultPath());
    }

    /**
     * @param authJson a Codex {@code auth.json}; a leading {@code ~} is not expanded here (see {@link AuthEnv#expand})
     * @throws AuthImportException when the file is missing or unreadable, holds an API key, or holds no usable tokens
     */
    public ImportResult importFrom(Path authJson) {
        Path file = authJson.toAbsolutePath();
        AuthProfile profile = read(file);
        return ProfileImport.save(store, "codex:" + file, CODEX, List.of(profile), List.of(), List.of(),
                profile.type() == ProfileType.TOKEN
                        ? List.of(file + " holds no refresh token: the profile works until " + profile.expiresAt()
                                + ", then sign in again")
                        : List.of());
    }

    AuthProfile read(Path file) {
        JsonNode root = SourceJson.readObject(file, () -> "no Codex login at " + file + ": sign in with "
                + "`assistantctl llm auth login` (it runs `codex login`); " + KEYRING_HINT);
        JsonNode tokens = root.get("tokens");
        boolean hasTokens = tokens != null && tokens.isObject();
        if ("apikey".equalsIgnoreCase(SourceJson.text(root, "auth_mode"))
                || (!hasTokens && SourceJson.text(root, "OPENAI_API_KEY") != null)) {
            throw new AuthImportException(file + " is an API-key login (auth_mode apikey), not a ChatGPT sign-in. "
                    + "Carapulse does not copy API keys into its token sink: give the key to the openai provider "
                    + "(OPENAI_API_KEY or llm.api-key), or sign Codex in with ChatGPT (`codex login`) for openai-codex");
        }
        if (!hasTokens) {
            throw new AuthImportException(file + " holds no ChatGPT tokens (no \"tokens\" object): sign in with "
                    + "`codex login`, then import again");
        }
        String access = SourceJson.text(tokens, "access_token");
        if (access == null) {
            throw new AuthImportException(file + " has no tokens.access_token: sign in with `codex login` again");
        }
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(access, "tokens.access_token in " + file);
        } catch (IllegalArgumentException e) {
            throw new AuthImportException(e.getMessage());
        }
        String idToken = SourceJson.text(tokens, "id_token");
        String account = SourceJson.text(tokens, "account_id");
        if (account == null && idToken != null) {
            account = JwtClaims.parseLeniently(idToken).accountId();
        }
        if (account == null) {
            account = claims.accountId();
        }
        if (account == null) {
            throw new AuthImportException(file + " names no ChatGPT account: no tokens.account_id and no "
                    + JwtClaims.ACCOUNT_ID + " claim in its tokens");
        }
        String refresh = SourceJson.text(tokens, "refresh_token");
        return new AuthProfile(AuthProfile.codexId(account), AuthProfile.CODEX_PROVIDER,
                refresh == null ? ProfileType.TOKEN : ProfileType.OAUTH, account, access, refresh, idToken,
                claims.expiresAt(), "codex:" + file, SourceJson.instant(root, "last_refresh"), clock.instant());
    }
}
