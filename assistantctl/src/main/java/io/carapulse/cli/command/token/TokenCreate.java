package io.carapulse.cli.command.token;

import io.carapulse.api.dto.TokenCreateRequest;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token create NAME --role R}. The token exists in clear only in this answer: it is printed
 * once (alone on stdout, so {@code $(…)} captures it), or written to a new 0600 file and not printed.
 */
@Command(name = "create", description = {
        "Create an API token. It is shown this once: alone on stdout (the rest goes to stderr), or, with "
                + "--token-file, written to a new file readable only by you and not shown at all.",
        "",
        "  TOKEN=$(assistantctl token create ci-deployer --role operator)",
        "  TOKEN=$(assistantctl token create release-agent --role viewer --agent)"})
final class TokenCreate extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "1-100 characters of A-Z a-z 0-9 . _ -")
    String name;

    @Option(names = {"-r", "--role"}, required = true, paramLabel = "ROLE", split = ",",
            description = "viewer, operator, approver or admin; repeat or separate with commas.")
    List<String> roles;

    @Option(names = "--agent", description = "Create an agent: a principal that acts without a person (it may fetch "
            + "credentials from the broker, within its capabilities).")
    boolean agent;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Write the token to this new file (mode 0600) instead of printing it.")
    Path tokenFile;

    @Mixin
    OutputOption output;

    TokenCreate(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        if (tokenFile != null && Files.exists(tokenFile)) {
            throw CliException.usage(tokenFile + " exists; the token goes only into a new file");
        }
        TokenCreatedView created = api().post("/v1/tokens", new TokenCreateRequest(name, roles, agent ? Boolean.TRUE : null), TokenCreatedView.class);
        String summary = (created.agent() ? "agent token " : "token ") + created.id() + " (" + created.name() + ", "
                + String.join(",", created.roles()) + ")";
        if (tokenFile != null) {
            write(tokenFile, created.token());
            TokenCreatedView withoutSecret = new TokenCreatedView(created.id(), created.name(), created.roles(),
                    created.createdAt(), null, created.agent());
            if (!Printer.structured(out(), output.format(), withoutSecret)) {
                out().println(summary + " written to " + tokenFile);
            }
            return ExitCode.OK;
        }
        if (!Printer.structured(out(), output.format(), created)) {
            out().println(created.token());
        }
        err().println("Created " + summary + ". This is the only time the token is shown: store it now.");
        return ExitCode.OK;
    }

    private static void write(Path file, String token) {
        try {
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), token + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCode.ERROR, file + " appeared meanwhile; the token was created but not "
                    + "saved: revoke it (assistantctl token list)");
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot write " + file + " (" + e.getMessage() + "); the token was "
                    + "created but not saved: revoke it (assistantctl token list)");
        }
    }
}
