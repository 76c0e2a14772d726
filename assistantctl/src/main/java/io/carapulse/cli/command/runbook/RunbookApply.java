package io.carapulse.cli.command.runbook;

import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runbook apply -f FILE.yaml} (admins). */
@Command(name = "apply", description = "Define a runbook, or change one defined through the API, from a YAML (or JSON) "
        + "file. A change of content records a new version; the same content changes nothing. Needs the admin role.")
final class RunbookApply extends CliCommand {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The runbook definition, YAML or JSON; '-' reads stdin.")
    String file;

    @Mixin
    OutputOption output;

    RunbookApply(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        byte[] definition = read();
        ApiClient.Reply<RunbookView> reply;
        try {
            reply = api().postDocument("/v1/runbooks", "application/yaml", definition, RunbookView.class);
        } catch (CliException e) {
            if (e.exitCode() != ExitCode.INVALID || e.errors().isEmpty()) {
                throw e;
            }
            // one line per problem, each led by its path in the file
            err().println("error: " + (file.equals("-") ? "the definition" : file) + " is not a valid runbook:");
            e.errors().forEach(line -> err().println("  " + line));
            return e.exitCode();
        }
        RunbookView runbook = reply.value();
        if (!Printer.structured(out(), output.format(), runbook)) {
            out().println((reply.status() == 201 ? "recorded " : "unchanged: ") + runbook.name() + " version " + runbook.version());
        }
        return ExitCode.OK;
    }

    private byte[] read() {
        try (InputStream in = file.equals("-") ? cli.env().stdin() : Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                throw CliException.usage(file + " is empty");
            }
            return bytes;
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
