package io.carapulse.cli.command.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.PlanView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan list}: newest first. */
@Command(name = "list", aliases = "ls", description = "List plans, newest first.")
final class PlanList extends CliCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only plans in this status (e.g. awaiting_approval, succeeded).")
    String status;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Only plans for this environment.")
    String environment;

    @Option(names = "--requester", paramLabel = "ACTOR", description = "Only plans this actor requested (e.g. token:tok_…).")
    String requester;

    @Mixin
    Paging paging;

    @Mixin
    OutputOption output;

    PlanList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<PlanView> page = api().get(ApiClient.query("/v1/plans", ApiClient.params("status", status,
                "environment", environment, "requester", requester, "limit", paging.limit(),
                "before", paging.before())),
                new TypeReference<PageView<PlanView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "ENV", "STATUS", "APPROVAL", "REQUESTER", "AGE", "SUMMARY");
        for (PlanView p : page.items()) {
            t.row(p.id(), p.environment(), style().status(p.status()),
                    p.requiresApproval() ? (p.breakGlass() ? "break-glass" : "required") : "no",
                    p.requester(), Ages.since(p.createdAt()), Table.cut(p.summary(), 60));
        }
        paging.print(out(), err(), t, page, "plans");
        return ExitCode.OK;
    }
}
