package io.carapulse.cli.command.integration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code integration list}. */
@Command(name = "list", aliases = "ls", description = "List the integrations, newest first: provider, scope, and "
        + "who the service said the credential is. Never a credential.")
final class IntegrationList extends CliCommand {

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only github, gitlab, jira or generic ones.")
    String provider;

    @Option(names = "--env", paramLabel = "ENV", description = "Only those that apply to this environment (its own and the global ones).")
    String environment;

    @Option(names = "--agent", paramLabel = "NAME", description = "Only this agent's own: an agent token's name or id, oidc:<sub> or runbook:<name>.")
    String agent;

    @Mixin
    OutputOption output;

    IntegrationList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("provider", provider);
        params.put("environment", environment);
        params.put("agent", agent);
        PageView<IntegrationView> page = api().get(ApiClient.query(Integrations.BASE, params),
                new TypeReference<PageView<IntegrationView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "PROVIDER", "SCOPE", "USER", "URL", "LINKED");
        for (IntegrationView v : page.items()) {
            t.row(v.id(), v.provider(), Integrations.scope(v), Integrations.user(v), v.baseUrl(), v.createdAt());
        }
        Paging.print(out(), err(), t, "integrations");
        return ExitCode.OK;
    }
}
