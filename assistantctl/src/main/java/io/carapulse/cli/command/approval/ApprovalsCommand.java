package io.carapulse.cli.command.approval;

import picocli.CommandLine.Command;

/** {@code assistantctl approvals …}. */
@Command(name = "approvals", description = "Approval requests.", subcommands = ApprovalsList.class)
public final class ApprovalsCommand {
}
