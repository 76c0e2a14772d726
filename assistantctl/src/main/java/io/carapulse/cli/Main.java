package io.carapulse.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code assistantctl}'s entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        CommandLine cmd = commandLine(CliEnvironment.system(), args);
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The command tree for one invocation of {@code args} in {@code env}, with the operations of the
     * groups {@code args} names. Callers set the writers ({@link CommandLine#setOut},
     * {@link CommandLine#setErr}) and {@link CommandLine#execute} the same {@code args}.
     */
    public static CommandLine commandLine(CliEnvironment env, String... args) {
        Cli cli = new Cli(env);
        CommandLine cmd = new CommandLine(AssistantCtl.class, new CliFactory(cli));
        CommandTree.expand(cmd, args);
        cmd.setExecutionExceptionHandler(errors(cli));
        cmd.setParameterExceptionHandler(usageErrors());
        cmd.setUsageHelpWidth(width(env));
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(
                env.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        return cmd;
    }

    /** A {@link CliException} is one line (two with --verbose) and its exit code; anything else is a bug. */
    private static IExecutionExceptionHandler errors(Cli cli) {
        return (e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof CliException c) {
                err.println("error: " + c.getMessage());
                if (cli.options().verbose() && c.request() != null) {
                    err.println("request: " + c.request());
                }
                err.flush();
                return c.exitCode().code();
            }
            if (e instanceof UncheckedIOException io) {
                err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
            } else {
                err.println("error: unexpected " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            if (cli.options().verbose()) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCode.ERROR.code();
        };
    }

    /** Usage errors: the message, a suggestion for a misspelt word, where to find help; exit 2. */
    private static IParameterExceptionHandler usageErrors() {
        return (ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("error: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE.code();
        };
    }

    private static int width(CliEnvironment env) {
        try {
            String columns = env.variable("COLUMNS");
            return columns == null ? 100 : Math.max(60, Math.min(160, Integer.parseInt(columns)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
