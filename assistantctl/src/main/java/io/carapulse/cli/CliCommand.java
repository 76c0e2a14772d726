package io.carapulse.cli;

import io.carapulse.cli.connect.Connection;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Style;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every runnable command shares: its {@link Cli}, and output only through picocli's writers
 * ({@code CommandLine.setOut/setErr}), so tests and the real process see the same thing.
 */
public abstract class CliCommand implements Callable<Integer> {

    protected final Cli cli;

    @Spec
    protected CommandSpec spec;

    protected CliCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            if (cli.options().verbose() && needsServer()) {
                Connection c = cli.connection();
                err().println("using " + c.server() + " (from " + c.serverFrom() + "), token from " + c.tokenFrom());
            }
            return run().code();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** Does the work; output through {@link #out()} and {@link #err()}. */
    protected abstract ExitCode run() throws Exception;

    /** Whether this command talks to the server (for {@code --verbose}'s connection line). */
    protected boolean needsServer() {
        return true;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected ApiClient api() {
        return cli.api();
    }

    protected Style style() {
        return cli.style();
    }
}
