package io.carapulse.cli.command.plan;

import io.carapulse.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan approve ID}. */
@Command(name = "approve", description = "Approve a plan that waits for approval. The approval is bound to the "
        + "plan's fingerprint: editing a step voids it.")
final class PlanApprove extends PlanDecision {

    @Option(names = "--reason", paramLabel = "TEXT", description = "The written reason break-glass plans require.")
    String reason;

    @Option(names = "--fingerprint", paramLabel = "SHA256", description = "Refuse if the plan's fingerprint is no "
            + "longer this one (the one you reviewed with plan show).")
    String fingerprint;

    PlanApprove(Cli cli) {
        super(cli, "approve");
    }

    @Override
    String reason() {
        return reason;
    }

    @Override
    String fingerprint() {
        return fingerprint;
    }
}
