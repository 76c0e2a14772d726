package io.carapulse.cli.command.audit;

import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit checkpoint-export}: every signed checkpoint as JSON lines, to ship off the server. */
@Command(name = "checkpoint-export", description = "Write every signed checkpoint as JSON lines (oldest first) to "
        + "stdout or a file, to keep away from the server; audit verify --checkpoints checks the records against them.")
final class AuditCheckpointExport extends CliCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here (replaced as a whole) instead of stdout.")
    Path file;

    AuditCheckpointExport(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        List<AuditCheckpointView> all = AuditRecords.checkpoints(api());
        if (file == null) {
            write(out(), all);
            return ExitCode.OK;
        }
        Path target = file.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".checkpoints-", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); PrintWriter p = new PrintWriter(w)) {
                write(p, all);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such directory"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new CliException(ExitCode.ERROR, "cannot write " + file + " (" + why + ")");
        }
        err().println("exported " + all.size() + " checkpoint(s) to " + file);
        return ExitCode.OK;
    }

    private static void write(PrintWriter out, List<AuditCheckpointView> checkpoints) {
        try {
            for (AuditCheckpointView c : checkpoints) {
                out.println(Json.compact().writeValueAsString(c));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a checkpoint always serialises", e);
        }
        out.flush();
    }
}
