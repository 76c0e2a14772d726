package io.carapulse.cli.command.revert;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl revert …}. */
@Command(name = "revert", aliases = "reverts", description = "The reverts of time-boxed changes (steps with "
        + "revertAfter): list them, show one, run one now, extend one (an approval) or cancel one (an approver, with a "
        + "reason).")
public final class RevertCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(RevertList.class, RevertShow.class, RevertRun.class, RevertExtend.class, RevertCancel.class);
    }
}
