package io.carapulse.cli.command.llm;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;

/**
 * What the {@code llm auth} operations share: they work on this machine's profile file, never on the
 * server; a library failure is one line, {@code error: <code>: <message>} (the library's messages name
 * the file and the fix, never a token), exit 1 unless the operation knows better.
 */
abstract class LocalAuthCommand extends CliCommand {

    LocalAuthCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected final boolean needsServer() {
        return false;
    }

    @Override
    protected final ExitCode run() throws Exception {
        LocalAuth auth = LocalAuth.of(cli.env());
        if (cli.options().verbose()) {
            err().println("using auth profiles " + auth.store().path() + " (from " + auth.storeFrom() + ")");
        }
        try {
            return run(auth);
        } catch (CarapulseException e) {
            throw failed(e, ExitCode.ERROR);
        }
    }

    /** Does the work against {@code auth}; output through {@link #out()} and {@link #err()}. */
    protected abstract ExitCode run(LocalAuth auth) throws Exception;

    static CliException failed(CarapulseException e, ExitCode code) {
        return new CliException(code, e.code() + ": " + e.getMessage());
    }

    /** A profile {@code use}/{@code remove} could not act on: not there (3), or the file is unreadable (1). */
    static CliException profileFailure(LocalAuth auth, String id, LlmException.NotConfigured e) {
        boolean absent;
        try {
            absent = auth.store().read().get(id).isEmpty();
        } catch (LlmException.NotConfigured unreadable) {
            absent = false;
        }
        return failed(e, absent ? ExitCode.NOT_FOUND : ExitCode.ERROR);
    }
}
