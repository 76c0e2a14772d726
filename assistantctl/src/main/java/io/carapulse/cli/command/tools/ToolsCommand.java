package io.carapulse.cli.command.tools;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl tools …}. */
@Command(name = "tools", description = "The tool catalog: actions, their classes and argument schemas.")
public final class ToolsCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ToolsList.class, ToolsShow.class);
    }
}
