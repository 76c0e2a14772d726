package io.carapulse.cli.command.audit;

import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code audit checkpoint}: have the server sign the chain head now. */
@Command(name = "checkpoint", description = "Have the server sign the audit chain's head now with its audit signing "
        + "key (a signed checkpoint); export checkpoints with checkpoint-export.")
final class AuditCheckpoint extends CliCommand {

    @Mixin
    OutputOption output;

    AuditCheckpoint(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        AuditCheckpointView c = api().post("/v1/audit/checkpoints", null, AuditCheckpointView.class);
        if (!Printer.structured(out(), output.format(), c)) {
            out().println("checkpoint " + c.id() + ": records 1-" + c.seq() + " signed by key " + c.keyId() + " at "
                    + c.createdAt());
        }
        return ExitCode.OK;
    }
}
