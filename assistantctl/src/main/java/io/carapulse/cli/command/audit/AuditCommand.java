package io.carapulse.cli.command.audit;

import picocli.CommandLine.Command;

/** {@code assistantctl audit …}. */
@Command(name = "audit", description = "The hash-chained audit log (S7).", subcommands = {AuditList.class, AuditVerify.class})
public final class AuditCommand {
}
