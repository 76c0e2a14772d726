package io.carapulse.cli.command.llm;

import io.carapulse.api.llm.LlmException;
import io.carapulse.cli.Cli;
import io.carapulse.cli.ExitCode;
import io.carapulse.llm.auth.AuthEnv;
import io.carapulse.llm.auth.ProfileSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code llm auth use PROFILE}: its provider's default, taken by the server at its next call. */
@Command(name = "use", description = "Make a profile its provider's default. The server takes it at its next call; "
        + "CARAPULSE_AUTH_PROFILE and OPENAI_ACCESS_TOKEN still come first where they are set.")
final class LlmAuthUse extends LocalAuthCommand {

    @Parameters(paramLabel = "PROFILE", description = "A profile id, as `llm auth list` shows it.")
    String id;

    LlmAuthUse(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        ProfileSummary profile;
        try {
            profile = auth.admin().use(id.strip());
        } catch (LlmException.NotConfigured e) {
            throw profileFailure(auth, id.strip(), e);
        }
        out().println(profile.id() + " is now the default " + profile.provider() + " profile in " + auth.store().path());
        auth.env().get(AuthEnv.AUTH_PROFILE).filter(named -> !named.equals(profile.id())).ifPresent(named ->
                err().println("Note: CARAPULSE_AUTH_PROFILE=" + named + " is set here and comes first."));
        if (auth.env().get(AuthEnv.ACCESS_TOKEN).isPresent()) {
            err().println("Note: OPENAI_ACCESS_TOKEN is set here and overrides every profile.");
        }
        return ExitCode.OK;
    }
}
