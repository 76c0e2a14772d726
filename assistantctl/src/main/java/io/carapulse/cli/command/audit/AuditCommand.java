package io.carapulse.cli.command.audit;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl audit …}. */
@Command(name = "audit", description = "The hash-chained audit log (S7) and its signed checkpoints.")
public final class AuditCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(AuditList.class, AuditVerify.class, AuditCheckpoint.class, AuditCheckpointExport.class);
    }
}
