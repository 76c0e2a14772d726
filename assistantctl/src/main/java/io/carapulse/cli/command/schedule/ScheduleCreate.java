package io.carapulse.cli.command.schedule;

import io.carapulse.api.dto.ScheduleCreateRequest;
import io.carapulse.api.dto.ScheduleView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.runbook.RunbookParameters;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedule create RUNBOOK -e ENV --cron CRON [--time-zone ZONE] [-p key=value …]}. */
@Command(name = "create", description = {
        "Run a runbook on a cron in a time zone. Each tick makes the runbook's plan (its current version) "
                + "requested by you, as runbook run would; the parameters are checked now, as for a run.",
        "",
        "  assistantctl schedule create scale-service -e prod --cron \"0 9 * * MON-FRI\" --time-zone Europe/Berlin \\",
        "      -p namespace=web -p name=web -p replicas=3"})
final class ScheduleCreate extends CliCommand {

    @Parameters(paramLabel = "RUNBOOK", description = "The runbook's name (e.g. scale-service).")
    String runbook;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment to run in.")
    String environment;

    @Option(names = "--cron", required = true, paramLabel = "CRON", description = "Five fields (minute hour day month "
            + "weekday, e.g. \"0 9 * * MON-FRI\"), or six with seconds first (\"*/30 * * * * *\").")
    String cron;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "The IANA zone the cron is read in, daylight "
            + "saving included (e.g. Europe/Berlin; default UTC).")
    String timeZone;

    @Mixin
    RunbookParameters parameters;

    @Option(names = "--overlap", paramLabel = "skip|queue", description = "A tick while the previous run's plan has "
            + "not finished: skip makes no plan (default), queue waits until it has.")
    String overlap;

    @Option(names = "--misfire", paramLabel = "skip|run-once", description = "Ticks missed while the servers were "
            + "down: skip them (default), or run-once makes one plan when they are back.")
    String misfire;

    @Option(names = "--paused", description = "Create it paused: it fires once resumed.")
    boolean paused;

    @Mixin
    OutputOption output;

    ScheduleCreate(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RunbookParameters.Bound bound = parameters.bind(cli, runbook, null);
        ScheduleView s = api().post(Schedules.BASE, new ScheduleCreateRequest(runbook, environment, bound.params(), cron,
                timeZone, !paused, overlap, misfire), ScheduleView.class);
        if (Printer.structured(out(), output.format(), s)) {
            return ExitCode.OK;
        }
        out().println("schedule " + s.id() + " created");
        if (s.nextFireAt() == null) {
            err().println("It is paused; it fires once resumed: assistantctl schedule resume " + s.id());
        } else {
            out().println("next fire: " + Schedules.at(s.nextFireAt(), s.timeZone()) + " " + s.timeZone());
        }
        return ExitCode.OK;
    }
}
