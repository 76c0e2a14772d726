package io.carapulse.cli.command.llm;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code assistantctl llm auth …}: the auth profiles on this machine (the token sink the server reads),
 * through the same library the server uses, {@code io.carapulse.llm.auth}. No server is involved.
 */
@Command(name = "auth", description = {
        "ChatGPT logins for the openai-codex provider, in the token sink the server reads.",
        "The file is CARAPULSE_AUTH_PATH, else $CARAPULSE_HOME/auth-profiles.json (default "
                + "~/.carapulse/auth-profiles.json). Importing a login moves its refresh token to Carapulse. "
                + "Tokens are never shown."})
public final class LlmAuthCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(LlmAuthLogin.class, LlmAuthImport.class, LlmAuthStatus.class, LlmAuthList.class, LlmAuthUse.class,
                LlmAuthRemove.class);
    }
}
