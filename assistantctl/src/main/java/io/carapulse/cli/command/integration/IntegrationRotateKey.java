package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.KeyRotationView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code integration rotate-key}. */
@Command(name = "rotate-key", description = "Re-wrap every stored secret's data key under the server's current key "
        + "encryption key (admin). Run it after every replica has the new key as "
        + "carapulse.broker.key-encryption-key and the old one in carapulse.broker.previous-key-encryption-keys; "
        + "when it reports every secret under the new key, the old key can be removed. Safe to run again.")
final class IntegrationRotateKey extends CliCommand {

    @Mixin
    OutputOption output;

    IntegrationRotateKey(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        KeyRotationView r = api().post(Integrations.BASE + "/rotate-key", Map.of(), KeyRotationView.class);
        if (!Printer.structured(out(), output.format(), r)) {
            out().println("re-wrapped " + r.rewrapped() + " secret(s) in " + r.batches() + " batch(es); all "
                    + r.secrets() + " stored secret(s) are now under " + r.keyId());
        }
        return ExitCode.OK;
    }
}
