package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code integration provider show ID}. */
@Command(name = "show", aliases = "get", description = "Show a credential provider: where and what it mints, whose "
        + "token it holds, how many integrations use it. Never the token.")
final class ProviderShow extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The credential provider id (cpr_…).")
    String id;

    @Mixin
    OutputOption output;

    ProviderShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        CredentialProviderView v = api().get(Providers.path(id), CredentialProviderView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            Providers.detail(out(), v);
        }
        return ExitCode.OK;
    }
}
