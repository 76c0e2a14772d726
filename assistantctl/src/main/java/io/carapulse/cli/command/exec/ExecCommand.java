package io.carapulse.cli.command.exec;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl exec …}. */
@Command(name = "exec", aliases = "execution", description = "Follow, inspect, cancel and resolve executions.")
public final class ExecCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ExecList.class, ExecShow.class, ExecLogs.class, ExecCancel.class, ExecResolve.class);
    }
}
