package io.carapulse.cli;

import io.carapulse.api.CarapulseVersion;
import io.carapulse.cli.command.approval.ApprovalsCommand;
import io.carapulse.cli.command.audit.AuditCommand;
import io.carapulse.cli.command.chat.ChatCommand;
import io.carapulse.cli.command.config.ConfigCommand;
import io.carapulse.cli.command.console.ConsoleCommand;
import io.carapulse.cli.command.evidence.EvidenceCommand;
import io.carapulse.cli.command.exec.ExecCommand;
import io.carapulse.cli.command.llm.LlmCommand;
import io.carapulse.cli.command.plan.PlanCommand;
import io.carapulse.cli.command.runbook.RunbookCommand;
import io.carapulse.cli.command.schedule.ScheduleCommand;
import io.carapulse.cli.command.connection.ConnectionCommand;
import io.carapulse.cli.command.integration.IntegrationCommand;
import io.carapulse.cli.command.revert.RevertCommand;
import io.carapulse.cli.command.standing.StandingApprovalCommand;
import io.carapulse.cli.command.system.CompletionCommand;
import io.carapulse.cli.command.system.DoctorCommand;
import io.carapulse.cli.command.system.VersionCommand;
import io.carapulse.cli.command.token.TokenCommand;
import io.carapulse.cli.command.tools.ToolsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The root command. Each verb is a package under {@code command/} with one class per operation; a
 * new verb is one more entry in {@code subcommands} (the interactive {@code chat} command and the
 * {@code llm} group with {@code llm auth …} go here, next to {@code plan}).
 */
@Command(name = "assistantctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = AssistantCtl.Version.class, sortOptions = false,
        description = "Operate production through Carapulse: plans, approvals, live executions, evidence, audit.",
        subcommands = {
                ChatCommand.class, PlanCommand.class, RunbookCommand.class, ScheduleCommand.class, ExecCommand.class,
                ApprovalsCommand.class, StandingApprovalCommand.class, RevertCommand.class, EvidenceCommand.class, AuditCommand.class,
                IntegrationCommand.class,
                ConnectionCommand.class,
                ToolsCommand.class, TokenCommand.class, ConfigCommand.class, LlmCommand.class, ConsoleCommand.class, DoctorCommand.class, VersionCommand.class,
                CompletionCommand.class, HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0 ok  1 error  2 usage  3 not found  4 unauthenticated  5 forbidden  6 invalid request",
                "  7 conflict  8 approval required  9 approval rejected  10 execution failed",
                "  11 execution held  12 check failed  13 server unreachable  14 language model unavailable",
                "  (docs/cli.md)"})
public final class AssistantCtl {

    @Mixin
    GlobalOptions options;

    /** {@code --version}: this build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"assistantctl " + CarapulseVersion.current()};
        }
    }
}
