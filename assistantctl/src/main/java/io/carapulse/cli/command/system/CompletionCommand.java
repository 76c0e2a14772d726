package io.carapulse.cli.command.system;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code completion bash|zsh}: a completion script generated from the command tree itself. */
@Command(name = "completion", description = {
        "Print a shell completion script.",
        "",
        "  source <(assistantctl completion bash)       # in ~/.bashrc",
        "  source <(assistantctl completion zsh)        # in ~/.zshrc"})
public final class CompletionCommand extends CliCommand {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    CompletionCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return false;
    }

    @Override
    protected ExitCode run() {
        String script = AutoComplete.bash("assistantctl", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script is bash's; zsh runs it through bashcompinit
            out().println("autoload -U +X compinit && compinit");
            out().println("autoload -U +X bashcompinit && bashcompinit");
        }
        out().print(script);
        return ExitCode.OK;
    }
}
