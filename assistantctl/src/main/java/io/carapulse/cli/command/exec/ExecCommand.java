package io.carapulse.cli.command.exec;

import picocli.CommandLine.Command;

/** {@code assistantctl exec …}. */
@Command(name = "exec", aliases = "execution", description = "Follow, inspect, cancel and resolve executions.",
        subcommands = {ExecList.class, ExecShow.class, ExecLogs.class, ExecCancel.class, ExecResolve.class})
public final class ExecCommand {
}
