package io.carapulse.cli.command.revert;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.RevertView;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code revert list}. */
@Command(name = "list", aliases = "ls", description = "List the reverts of time-boxed changes, newest due first: "
        + "what each undoes, when, and how it stands.")
final class RevertList extends CliCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only SCHEDULED, STARTED or CANCELLED ones.")
    String status;

    @Mixin
    OutputOption output;

    RevertList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        String path = status == null ? Reverts.BASE : Reverts.BASE + "?status=" + ApiClient.segment(status);
        PageView<RevertView> page = api().get(path, new TypeReference<PageView<RevertView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "STATUS", "ENV", "DUE", "INVERSE", "CHANGE");
        for (RevertView r : page.items()) {
            t.row(r.id(), Reverts.status(r), r.environment(), r.dueAt(), Reverts.inverse(r),
                    r.executionId() + " step " + r.position());
        }
        Paging.print(out(), err(), t, "reverts");
        return ExitCode.OK;
    }
}
