package io.carapulse.cli.command.runbook;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl runbook …}. */
@Command(name = "runbook", description = "List, show and run runbooks (versioned plan templates with typed "
        + "parameters); define and retire them (admins).")
public final class RunbookCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(RunbookList.class, RunbookShow.class, RunbookRun.class, RunbookApply.class, RunbookRetire.class);
    }
}
