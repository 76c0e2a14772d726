package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.IntegrationCredentialView;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code integration credentials --provider P [--environment E]}: an agent's credential-only access. The
 * token alone goes to stdout (so {@code $(…)} captures it); nothing else is printed there.
 */
@Command(name = "credentials", description = {
        "As an agent: print the provider's credential from the broker (the agent's own integration, else the "
                + "environment's if the agent holds credentials:<provider> there). Only the token goes to stdout; "
                + "every access is audited.",
        "",
        "  GH_TOKEN=$(assistantctl integration credentials --provider github --environment prod)"})
final class IntegrationCredentials extends CliCommand {

    @Option(names = "--provider", required = true, paramLabel = "PROVIDER", description = "github, gitlab, jira or generic.")
    String provider;

    @Option(names = {"--environment", "--env"}, paramLabel = "ENV",
            description = "The environment whose integration is wanted (not needed for the agent's own).")
    String environment;

    IntegrationCredentials(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("provider", provider);
        params.put("environment", environment);
        IntegrationCredentialView v = api().get(ApiClient.query(Integrations.BASE + "/credentials", params),
                IntegrationCredentialView.class);
        out().println(v.token());
        err().println("credential of integration " + v.integrationId() + " (" + v.provider() + ", " + v.kind()
                + (v.username() == null ? "" : ", " + v.username()) + (v.expiresAt() == null ? "" : ", expires " + v.expiresAt())
                + ")");
        return ExitCode.OK;
    }
}
