package io.carapulse.cli.command.plan;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl plan …}. */
@Command(name = "plan", description = "Create, inspect, approve and execute plans.")
public final class PlanCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(PlanCreate.class, PlanList.class, PlanShow.class, PlanApprove.class, PlanReject.class,
                PlanExecute.class, PlanCancel.class);
    }
}
