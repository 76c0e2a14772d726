package io.carapulse.cli.command.tools;

import picocli.CommandLine.Command;

/** {@code assistantctl tools …}. */
@Command(name = "tools", description = "The tool catalog: actions, their classes and argument schemas.",
        subcommands = {ToolsList.class, ToolsShow.class})
public final class ToolsCommand {
}
