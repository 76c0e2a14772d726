package io.carapulse.cli.command.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.EvidenceView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evidence list EXECUTION}. */
@Command(name = "list", aliases = "ls", description = "List the evidence of an execution, one record per step run that called a tool.")
final class EvidenceList extends CliCommand {

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (exe_…).")
    String executionId;

    @Mixin
    OutputOption output;

    EvidenceList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        List<EvidenceView> records = api().get("/v1/executions/" + ApiClient.segment(executionId) + "/evidence",
                new TypeReference<List<EvidenceView>>() { });
        if (Printer.structured(out(), output.format(), records)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "KIND", "STEP", "TRANSPORT", "OUTCOME", "EXIT", "DURATION", "EXTERNAL IDS");
        for (EvidenceView e : records) {
            t.row(e.id(), e.kind(), e.tool() + "." + e.action(), e.transport(), style().status(e.outcome()),
                    e.exitCode() != null ? e.exitCode() : e.httpStatus(), Ages.millis(e.durationMs()),
                    e.externalIds() == null || e.externalIds().isEmpty() ? null
                            : Table.cut(new TreeMap<>(e.externalIds()).toString(), 60));
        }
        Paging.print(out(), err(), t, "evidence");
        return ExitCode.OK;
    }
}
