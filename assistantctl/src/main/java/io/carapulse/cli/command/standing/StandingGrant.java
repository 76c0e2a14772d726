package io.carapulse.cli.command.standing;

import io.carapulse.api.dto.RunbookView;
import io.carapulse.api.dto.StandingApprovalRequest;
import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.runbook.Runbooks;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code standing-approval grant RUNBOOK -e ENV --duration D --bound …}. */
@Command(name = "grant", description = {
        "Approve in advance the plans of a runbook's current version in an environment whose parameters stay "
                + "within the bounds, for a limited time (at most the environment's standing-approval-max). A plan "
                + "that qualifies is approved at once, by you; one whose requester is you is not.",
        "",
        "  assistantctl standing-approval grant scale-service -e prod --duration 8h \\",
        "      --bound replicas=2..6 --bound name=web,api --note \"Black Friday scaling\""})
final class StandingGrant extends CliCommand {

    @Parameters(paramLabel = "RUNBOOK", description = "The runbook's name (e.g. scale-service).")
    String runbook;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment it approves in.")
    String environment;

    @Option(names = "--duration", required = true, paramLabel = "DURATION", description = "How long it lasts, "
            + "e.g. 30m, 8h or 7d.")
    String duration;

    @Option(names = "--bound", required = true, paramLabel = "NAME=MIN..MAX|NAME=A,B", description = "A parameter's "
            + "bounds: a range of numbers (2..6, 2.. or ..6), or the values it may take (web,api), typed by the "
            + "runbook's declaration. Repeat for each bounded parameter; one left out may take any value.")
    List<String> bounds;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit.")
    String note;

    @Option(names = "--runbook-version", paramLabel = "N", description = "The version it approves; only the current "
            + "one can be granted (default: the current one).")
    Integer version;

    @Mixin
    OutputOption output;

    StandingGrant(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        Bounds parsed = Bounds.parse(bounds);
        // the declared types, from the very version the grant then names
        RunbookView rb = Runbooks.get(api(), runbook, version);
        StandingApprovalView s = api().post(StandingApprovals.BASE, new StandingApprovalRequest(runbook, rb.version(),
                environment, parsed.json(rb), duration, note), StandingApprovalView.class);
        if (Printer.structured(out(), output.format(), s)) {
            return ExitCode.OK;
        }
        out().println("standing approval " + s.id() + " " + s.status() + " until " + s.expiresAt());
        err().println("Revoke it: assistantctl standing-approval revoke " + s.id());
        return ExitCode.OK;
    }
}
