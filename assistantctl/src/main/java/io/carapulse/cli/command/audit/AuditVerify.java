package io.carapulse.cli.command.audit;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditVerifyJobView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.AuditVerifyView.CheckpointCheck;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
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
 * checks the records after its newest trusted checkpoint, or, with {@code --full}, every record in a
 * background job this command follows; with {@code --public-key}, this command fetches every record
 * and checks it here against signed checkpoints.
 */
@Command(name = "verify", description = {"Check the audit chain's hashes; exit 12 if any record was edited, removed "
        + "or reordered. The server checks the records since its newest trusted signed checkpoint; --full has it "
        + "check every record (a background job, followed until it ends).",
        "With --public-key, the records are fetched and rehashed here and checked against the signed checkpoints "
                + "(the server's, or an exported file's), so a history rewritten in the database is found too."})
final class AuditVerify extends CliCommand {

    @Option(names = "--public-key", paramLabel = "FILE", description = "The audit signing key's public key (PEM): "
            + "check the records here against signed checkpoints.")
    Path publicKey;

    @Option(names = "--checkpoints", paramLabel = "FILE", description = "Checkpoints exported earlier "
            + "(audit checkpoint-export) instead of the server's; needs --public-key.")
    Path checkpoints;

    @Option(names = "--full", description = "Have the server check every record from the first, not only those "
            + "since its newest trusted checkpoint: starts a background job and prints its progress until it ends.")
    boolean full;

    @Mixin
    OutputOption output;

    /** How long to wait between two looks at a running job. */
    static long pollMillis = 1000;

    AuditVerify(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() throws InterruptedException {
        if (checkpoints != null && publicKey == null) {
            throw CliException.usage("--checkpoints needs --public-key FILE to check their signatures");
        }
        if (full && publicKey != null) {
            throw CliException.usage("--full is the server's check; --public-key checks every record here already");
        }
        if (full) {
            return runFull();
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

    private ExitCode runFull() throws InterruptedException {
        AuditVerifyJobView job = api().post("/v1/audit/verify-jobs", null, AuditVerifyJobView.class);
        String path = "/v1/audit/verify-jobs/" + ApiClient.segment(job.id());
        long shown = -1;
        while (job.running()) {
            if (job.checked() != shown) {
                err().println("verifying " + job.id() + ": " + job.checked() + " of " + job.total() + " records checked");
                err().flush();
                shown = job.checked();
            }
            Thread.sleep(pollMillis);
            job = api().get(path, AuditVerifyJobView.class);
        }
        if (!Printer.structured(out(), output.format(), job)) {
            out().println(line(job));
        }
        return switch (job.status()) {
            case AuditVerifyJobView.OK -> ExitCode.OK;
            case AuditVerifyJobView.BROKEN -> ExitCode.CHECK_FAILED;
            default -> ExitCode.ERROR;
        };
    }

    private String line(AuditVerifyJobView job) {
        return switch (job.status()) {
            case AuditVerifyJobView.OK -> style().status("OK") + ": " + job.checked()
                    + " audit records, chain intact (full verification " + job.id() + "); " + job.detail();
            case AuditVerifyJobView.BROKEN -> style().status("FAIL") + ": " + (job.firstBrokenSeq() == null ? ""
                    : "chain broken at record " + job.firstBrokenSeq() + " (") + job.detail()
                    + (job.firstBrokenSeq() == null ? "" : ")") + "; " + job.checked() + " records checked";
            default -> style().status("FAIL") + ": the full verification " + job.id() + " did not finish: "
                    + job.detail();
        };
    }

    private String line(AuditVerifyView v) {
        CheckpointCheck c = v.checkpoint();
        if (!v.ok()) {
            return style().status("FAIL") + ": " + (v.firstBrokenSeq() == null ? "" : "chain broken at record "
                    + v.firstBrokenSeq() + " (") + v.detail() + (v.firstBrokenSeq() == null ? "" : ")") + "; "
                    + v.checked() + " records checked";
        }
        String head = style().status("OK") + ": " + v.checked() + " audit records" + since(v) + ", chain intact";
        if (c == null || CheckpointCheck.OFF.equals(c.status())) {
            return head + "; no signed checkpoints (the chain alone cannot show a history rewritten in the database)";
        }
        return head + "; checkpoint " + c.status() + ": " + c.detail();
    }

    private static String since(AuditVerifyView v) {
        return v.from() == null || v.from().checkpointId() == null ? ""
                : " since checkpoint " + v.from().checkpointId() + " (record " + v.from().seq() + ")";
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
