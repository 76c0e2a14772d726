package io.carapulse.cli.command.runbook;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code runbook retire NAME} (admins). */
@Command(name = "retire", description = "Retire a runbook defined through the API: it can no longer be run or shown "
        + "as current; the plans it made keep their origin. Needs the admin role.")
final class RunbookRetire extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The runbook's name.")
    String name;

    RunbookRetire(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        api().delete(Runbooks.path(name));
        out().println("runbook " + name + " retired");
        return ExitCode.OK;
    }
}
