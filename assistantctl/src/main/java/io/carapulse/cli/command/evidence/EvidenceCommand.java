package io.carapulse.cli.command.evidence;

import picocli.CommandLine.Command;

/** {@code assistantctl evidence …}. */
@Command(name = "evidence", description = "What each executed step left behind (S8).",
        subcommands = {EvidenceList.class, EvidenceShow.class})
public final class EvidenceCommand {
}
