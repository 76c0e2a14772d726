package io.carapulse.cli.command.approval;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl approvals …}. */
@Command(name = "approvals", description = "Approval requests.")
public final class ApprovalsCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ApprovalsList.class);
    }
}
