package io.carapulse.cli.command.audit;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.Json;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit verify}: exit 12 when the chain is broken. Without {@code --public-key} the server
 * checks; with it, this command fetches every record and checks it here against signed checkpoints.
 */
@Command(name = "verify", description = {"Walk the audit chain and check every record's hash; exit 12 if any record "
        + "was edited, removed or reordered.",
        "With --public-key, the records are fetched and rehashed here and checked against the signed checkpoints "
                + "(the server's, or an exported file's), so a history rewritten in the database is found too."})
final class AuditVerify extends CliCommand {

    @Option(names = "--public-key", paramLabel = "FILE", description = "The audit signing key's public key (PEM): "
            + "check the records here against signed checkpoints.")
    Path publicKey;

    @Option(names = "--checkpoints", paramLabel = "FILE", description = "Checkpoints exported earlier "
            + "(audit checkpoint-export) instead of the server's; needs --public-key.")
    Path checkpoints;

    @Mixin
    OutputOption output;

    AuditVerify(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        if (checkpoints != null && publicKey == null) {
            throw CliException.usage("--checkpoints needs --public-key FILE to check their signatures");
        }
        AuditVerifyView v;
        if (publicKey == null) {
            v = api().get("/v1/audit/verify", AuditVerifyView.class);
        } else {
            PublicKey key = readKey(publicKey);
            List<AuditCheckpointView> exported = checkpoints == null ? null : readCheckpoints(checkpoints);
            v = new LocalAuditCheck(api(), key).run(exported, String.valueOf(checkpoints));
        }
        if (!Printer.structured(out(), output.format(), v)) {
            out().println(line(v));
        }
        return v.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private String line(AuditVerifyView v) {
        CheckpointCheck c = v.checkpoint();
        if (!v.ok()) {
            return style().status("FAIL") + ": " + (v.firstBrokenSeq() == null ? "" : "chain broken at record "
                    + v.firstBrokenSeq() + " (") + v.detail() + (v.firstBrokenSeq() == null ? "" : ")") + "; "
                    + v.checked() + " records checked";
        }
        String head = style().status("OK") + ": " + v.checked() + " audit records, chain intact";
        if (c == null || CheckpointCheck.OFF.equals(c.status())) {
            return head + "; no signed checkpoints (the chain alone cannot show a history rewritten in the database)";
        }
        return head + "; checkpoint " + c.status() + ": " + c.detail();
    }

    private static PublicKey readKey(Path file) {
        try {
            return Checkpoints.publicKey(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.usage("--public-key " + file + ": cannot read it");
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--public-key " + file + " " + e.getMessage());
        }
    }

    private static List<AuditCheckpointView> readCheckpoints(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("--checkpoints " + file + ": cannot read it");
        }
        List<AuditCheckpointView> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(Json.reader().readValue(lines.get(i), AuditCheckpointView.class));
            } catch (IOException e) {
                throw CliException.usage("--checkpoints " + file + ": line " + (i + 1)
                        + " is not a checkpoint (write the file with 'assistantctl audit checkpoint-export')");
            }
        }
        return out;
    }
}
