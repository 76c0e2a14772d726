package io.carapulse.cli.command.console;

import io.carapulse.api.dto.ConsoleLinkView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.File;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code console}: a one-time link that signs you in to the web console as yourself, opened in your
 * browser ({@code $BROWSER}, else {@code xdg-open} or {@code open}) or printed.
 */
@Command(name = "console", description = {"Open the web console, signed in as you (a one-time link, valid for minutes).",
        "The browser is $BROWSER, else xdg-open or open; --no-browser (or no browser found) only prints the link."})
public final class ConsoleCommand extends CliCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    @Option(names = "--no-browser", description = "Print the link instead of opening it.")
    boolean noBrowser;

    @Mixin
    OutputOption output;

    ConsoleCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ConsoleLinkView link = api().post("/v1/console/links", null, ConsoleLinkView.class);
        if (Printer.structured(out(), output.format(), link)) {
            return ExitCode.OK;
        }
        String until = TIME.format(link.expiresAt().atZone(ZoneId.systemDefault()));
        Optional<String> opener = noBrowser ? Optional.empty() : opener();
        if (opener.isPresent() && open(opener.get(), link.url())) {
            out().println("Opened the console in your browser (the link works once, until " + until + ").");
            return ExitCode.OK;
        }
        out().println(link.url());
        err().println("Open this link to sign in to the console; it works once, until " + until + ".");
        return ExitCode.OK;
    }

    /** The program that opens a URL: {@code $BROWSER}, else xdg-open (Linux), else open (macOS). */
    private Optional<String> opener() {
        String browser = cli.env().variable("BROWSER");
        if (browser != null && !browser.isBlank()) {
            return Optional.of(browser.strip());
        }
        String path = cli.env().variable("PATH");
        for (String candidate : List.of("xdg-open", "open")) {
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                if (!dir.isEmpty() && new File(dir, candidate).canExecute()) {
                    return Optional.of(new File(dir, candidate).getPath());
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser without waiting for it; false when it cannot be started. */
    private boolean open(String program, String url) {
        try {
            new ProcessBuilder(program, url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            err().println("warning: could not start " + program + " (" + e.getMessage() + ")");
            return false;
        }
    }
}
