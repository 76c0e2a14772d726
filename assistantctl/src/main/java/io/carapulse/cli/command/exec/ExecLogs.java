package io.carapulse.cli.command.exec;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exec logs ID [--follow]}. */
@Command(name = "logs", aliases = "log", description = {
        "Print an execution's events: steps starting and ending, their output lines (redacted by the server).",
        "With --follow, stream them live until the execution ends; a dropped connection is resumed from the "
                + "last event seen, without losing or repeating one. Exit 10 if the execution fails, 11 if held."})
final class ExecLogs extends CliCommand {

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (exe_…).")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Stream until the execution ends.")
    boolean follow;

    @Mixin
    OutputOption output;

    ExecLogs(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ExecutionLog log = new ExecutionLog(cli, out(), err(), output.format());
        if (follow) {
            return log.follow(id);
        }
        log.recorded(id);
        return ExitCode.OK;
    }
}
