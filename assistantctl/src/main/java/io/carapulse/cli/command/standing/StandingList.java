package io.carapulse.cli.command.standing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code standing-approval list}. */
@Command(name = "list", aliases = "ls", description = "List the standing approvals, each with its bounds, status "
        + "(active, expired, revoked, voided) and when it expires.")
final class StandingList extends CliCommand {

    @Mixin
    OutputOption output;

    StandingList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<StandingApprovalView> page = api().get(StandingApprovals.BASE,
                new TypeReference<PageView<StandingApprovalView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "RUNBOOK", "VERSION", "ENV", "BOUNDS", "STATUS", "EXPIRES", "GRANTED BY");
        for (StandingApprovalView s : page.items()) {
            t.row(s.id(), s.runbook(), s.version(), s.environment(), StandingApprovals.compact(s.bounds()), s.status(),
                    s.expiresAt(), s.grantedBy());
        }
        Paging.print(out(), err(), t, "standing approvals");
        return ExitCode.OK;
    }
}
