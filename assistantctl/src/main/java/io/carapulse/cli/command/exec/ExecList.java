package io.carapulse.cli.command.exec;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.PageView;
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

/** {@code exec list}. */
@Command(name = "list", aliases = "ls", description = "List executions, newest first.")
final class ExecList extends CliCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only executions in this status (e.g. running, failed, held).")
    String status;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Only executions in this environment.")
    String environment;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Only the execution of this plan.")
    String plan;

    @Mixin
    Paging paging;

    @Mixin
    OutputOption output;

    ExecList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<ExecutionView> page = api().get(ApiClient.query("/v1/executions", ApiClient.params("status", status,
                        "environment", environment, "plan", plan, "limit", paging.limit(), "before", paging.before())),
                new TypeReference<PageView<ExecutionView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "PLAN", "ENV", "STATUS", "REQUESTED BY", "AGE", "ERROR");
        for (ExecutionView e : page.items()) {
            t.row(e.id(), e.planId(), e.environment(), style().status(e.status()), e.requestedBy(),
                    Ages.since(e.createdAt()), e.error() == null ? null : e.error().code());
        }
        paging.print(out(), err(), t, page, "executions");
        return ExitCode.OK;
    }
}
