package io.carapulse.cli.command.standing;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl standing-approval …}. */
@Command(name = "standing-approval", aliases = "standing-approvals", description = "Approve in advance the plans of "
        + "one runbook version in one environment within parameter bounds, for a limited time: grant, list, show "
        + "and revoke standing approvals (approvers; where the environment allows them).")
public final class StandingApprovalCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(StandingGrant.class, StandingList.class, StandingShow.class, StandingRevoke.class);
    }
}
