package io.carapulse.cli.command.plan;

import io.carapulse.cli.Cli;
import picocli.CommandLine.Command;

/** {@code plan reject ID}. */
@Command(name = "reject", description = "Reject a plan that waits for approval.")
final class PlanReject extends PlanDecision {

    PlanReject(Cli cli) {
        super(cli, "reject");
    }

    @Override
    String reason() {
        return null;
    }

    @Override
    String fingerprint() {
        return null;
    }
}
