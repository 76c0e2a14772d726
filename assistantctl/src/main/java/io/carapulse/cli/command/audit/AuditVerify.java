package io.carapulse.cli.command.audit;

import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code audit verify}: exit 12 when the chain is broken. */
@Command(name = "verify", description = "Walk the audit chain and check every record's hash; exit 12 if any record "
        + "was edited, removed or reordered.")
final class AuditVerify extends CliCommand {

    @Mixin
    OutputOption output;

    AuditVerify(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        AuditVerifyView v = api().get("/v1/audit/verify", AuditVerifyView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            if (v.ok()) {
                out().println(style().status("OK") + ": " + v.checked() + " audit records, chain intact");
            } else {
                out().println(style().status("FAIL") + ": chain broken at record " + v.firstBrokenSeq() + " ("
                        + v.detail() + "); " + v.checked() + " records checked");
            }
        }
        return v.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
