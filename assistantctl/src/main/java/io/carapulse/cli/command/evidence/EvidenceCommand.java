package io.carapulse.cli.command.evidence;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl evidence …}. */
@Command(name = "evidence", description = "What each executed step left behind (S8).")
public final class EvidenceCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(EvidenceList.class, EvidenceShow.class);
    }
}
