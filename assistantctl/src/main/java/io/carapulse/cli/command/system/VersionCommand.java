package io.carapulse.cli.command.system;

import io.carapulse.api.CarapulseVersion;
import io.carapulse.api.dto.VersionView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code version}: this CLI's build and the server's. */
@Command(name = "version", description = {"Print this assistantctl's version and the server's.",
        "Exit 13 if the server cannot be reached; --client asks only for this one."})
public final class VersionCommand extends CliCommand {

    /** {@code -o json}: {@code {"client":"…","server":"…"}}; {@code server} is {@code null} with {@code --client}. */
    record Versions(String client, String server) {
    }

    @Option(names = "--client", description = "Only this assistantctl's version; do not contact the server.")
    boolean clientOnly;

    @Mixin
    OutputOption output;

    VersionCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return !clientOnly;
    }

    @Override
    protected ExitCode run() {
        String client = CarapulseVersion.current();
        String server = clientOnly ? null : api().get("/v1/version", VersionView.class).version();
        if (!Printer.structured(out(), output.format(), new Versions(client, server))) {
            out().println("Client: " + client);
            if (server != null) {
                out().println("Server: " + server + " (" + cli.connection().server() + ")");
            }
        }
        return ExitCode.OK;
    }
}
