package io.carapulse.cli.command.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.ApprovalView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code approvals list}: what waits for a decision. */
@Command(name = "list", aliases = "ls", description = "List the approval requests waiting for a decision "
        + "(approve with assistantctl plan approve PLAN).")
final class ApprovalsList extends CliCommand {

    @Mixin
    OutputOption output;

    ApprovalsList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        List<ApprovalView> pending = api().get("/v1/approvals?status=pending", new TypeReference<List<ApprovalView>>() { });
        if (Printer.structured(out(), output.format(), pending)) {
            return ExitCode.OK;
        }
        Table t = Table.of("PLAN", "ENV", "REQUESTED BY", "AGE", "EXPIRES", "VIA", "APPROVAL");
        for (ApprovalView a : pending) {
            t.row(a.planId(), a.environment(), a.requestedBy(), Ages.since(a.requestedAt()), a.expiresAt(),
                    String.join(",", a.providers()), a.id());
        }
        Paging.print(out(), err(), t, "approvals waiting");
        return ExitCode.OK;
    }
}
