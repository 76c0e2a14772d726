package io.carapulse.cli.command.llm;

import io.carapulse.api.llm.LlmException;
import io.carapulse.cli.Cli;
import io.carapulse.cli.ExitCode;
import io.carapulse.llm.auth.ProfileSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code llm auth remove PROFILE}: forgets its tokens (they are not revoked). */
@Command(name = "remove", description = "Delete a profile from the token sink. Its tokens are forgotten, not revoked; "
        + "if it was its provider's default, that provider has no default until `llm auth use`.")
final class LlmAuthRemove extends LocalAuthCommand {

    @Parameters(paramLabel = "PROFILE", description = "A profile id, as `llm auth list` shows it.")
    String id;

    LlmAuthRemove(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        ProfileSummary removed;
        try {
            removed = auth.admin().remove(id.strip());
        } catch (LlmException.NotConfigured e) {
            throw profileFailure(auth, id.strip(), e);
        }
        out().println("Removed " + removed.id() + " from " + auth.store().path() + " (its tokens are forgotten, not "
                + "revoked).");
        long left = auth.admin().list().stream().filter(p -> p.provider().equals(removed.provider())).count();
        if (removed.isDefault() && left > 1) {
            err().println(removed.provider() + " has no default profile now: choose one with `assistantctl llm auth use "
                    + "<profile>`.");
        }
        return ExitCode.OK;
    }
}
