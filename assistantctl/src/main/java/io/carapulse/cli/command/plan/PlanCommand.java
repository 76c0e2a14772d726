package io.carapulse.cli.command.plan;

import picocli.CommandLine.Command;

/** {@code assistantctl plan …}. */
@Command(name = "plan", description = "Create, inspect, approve and execute plans.",
        subcommands = {PlanCreate.class, PlanList.class, PlanShow.class, PlanApprove.class, PlanReject.class,
                PlanExecute.class, PlanCancel.class})
public final class PlanCommand {
}
