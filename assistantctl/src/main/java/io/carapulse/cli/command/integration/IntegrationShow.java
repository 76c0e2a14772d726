package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code integration show ID}. */
@Command(name = "show", aliases = "get", description = "Show an integration: provider, scope, URL, the user and "
        + "scopes the service reported, who linked it. Never its credential.")
final class IntegrationShow extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The integration id (int_…), from assistantctl integration list.")
    String id;

    @Mixin
    OutputOption output;

    IntegrationShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        IntegrationView v = api().get(Integrations.path(id), IntegrationView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            Integrations.detail(out(), v);
        }
        return ExitCode.OK;
    }
}
