package io.carapulse.cli.command.system;

import io.carapulse.api.llm.LlmException;
import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.command.llm.LocalAuth;
import io.carapulse.llm.auth.AuthEnv;
import io.carapulse.llm.auth.AuthStatus;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code doctor}'s look at this machine's token sink: where it is and what the openai-codex provider
 * would take from it now ({@code AuthProfileAdmin.status()}: the file and the clock, never a refresh,
 * never a token). The file's permissions are {@link LocalFiles}' line.
 */
final class LlmAuthCheck {

    static final String NAME = "llm auth";

    private LlmAuthCheck() {
    }

    static Check of(CliEnvironment env) {
        LocalAuth auth = LocalAuth.of(env);
        Path file = auth.store().path();
        boolean envToken = auth.env().get(AuthEnv.ACCESS_TOKEN).isPresent();
        if (!envToken) {
            if (!Files.exists(file)) {
                return Check.ok(NAME, file + ": no profiles (only the openai-codex provider needs one: "
                        + "assistantctl llm auth login)");
            }
            try {
                auth.store().read();
            } catch (LlmException.NotConfigured e) {
                return Check.fail(NAME, e.getMessage());
            }
        }
        AuthStatus s = auth.admin().status();
        String text = file + ": " + s.state()
                + (s.credential() == null ? "" : ", " + s.credential() + " (" + s.selectedBy() + ")")
                + (s.detail() == null ? "" : "; " + s.detail());
        return switch (s.state()) {
            case VALID, REFRESH_DUE -> Check.ok(NAME, text);
            case EXPIRED, NOT_CONFIGURED -> Check.warn(NAME, text);
        };
    }
}
