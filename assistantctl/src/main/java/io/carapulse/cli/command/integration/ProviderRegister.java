package io.carapulse.cli.command.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.CredentialProviderCreateRequest;
import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code integration provider register (--group ID | --project ID) --scopes S,… [--token-from SOURCE]}. */
@Command(name = "register", description = {"Register a GitLab credential provider: the server checks the token "
        + "and the group or project at GitLab, then stores the token encrypted.",
        "",
        "  assistantctl integration provider register --group acme --scopes read_repository,write_repository < owner-token",
        "  assistantctl integration provider register --project acme/web --scopes api --access-level 40 --token-from env:GL_TOKEN"})
final class ProviderRegister extends CliCommand {

    static final class Target {
        @Option(names = "--group", paramLabel = "ID", required = true, description = "Mint service accounts of this "
                + "top-level group (numeric id or full path).")
        String group;

        @Option(names = "--project", paramLabel = "ID", required = true, description = "Mint project access tokens of "
                + "this project (numeric id or full path).")
        String project;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--scopes", paramLabel = "SCOPE", split = ",", required = true,
            description = "The scopes of the tokens it mints, e.g. read_repository,write_repository.")
    List<String> scopes;

    @Option(names = "--access-level", paramLabel = "N", description = "The minted identity's role: 10, 20, 30 (default), 40, 50.")
    Integer accessLevel;

    @Option(names = "--expires-in-days", paramLabel = "N", description = "How long a minted token lives (1-365, default 30).")
    Integer expiresInDays;

    @Option(names = "--base-url", paramLabel = "URL", description = "The GitLab URL (default https://gitlab.com).")
    String baseUrl;

    @Option(names = "--token-from", paramLabel = "SOURCE", defaultValue = "-",
            description = "Where the Owner's token is: - (stdin, the default), file:PATH or env:NAME.")
    String tokenFrom;

    @Mixin
    OutputOption output;

    ProviderRegister(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ObjectNode credentials = JsonNodeFactory.instance.objectNode();
        credentials.put("token", SecretSource.read(cli, "--token-from", tokenFrom, "the token"));
        boolean group = target.group != null;
        CredentialProviderCreateRequest request = new CredentialProviderCreateRequest("gitlab",
                group ? "service_account" : "project_access_token", baseUrl, target.group, target.project, credentials,
                scopes, accessLevel, expiresInDays);
        CredentialProviderView v = api().post(Providers.BASE, request, CredentialProviderView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            out().println("credential provider " + v.id() + " registered: " + v.mode() + " in " + v.targetPath()
                    + " as " + v.username());
        }
        return ExitCode.OK;
    }
}
