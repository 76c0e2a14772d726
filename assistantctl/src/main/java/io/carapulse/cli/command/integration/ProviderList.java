package io.carapulse.cli.command.integration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code integration provider list}. */
@Command(name = "list", aliases = "ls", description = "List the credential providers, newest first. Never a token.")
final class ProviderList extends CliCommand {

    @Mixin
    OutputOption output;

    ProviderList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<CredentialProviderView> page = api().get(Providers.BASE,
                new TypeReference<PageView<CredentialProviderView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "MODE", "TARGET", "SCOPES", "IN USE", "URL");
        for (CredentialProviderView v : page.items()) {
            t.row(v.id(), v.mode(), v.targetPath(), String.join(",", v.scopes()), v.integrations(), v.baseUrl());
        }
        Paging.print(out(), err(), t, "credential providers");
        return ExitCode.OK;
    }
}
