package io.carapulse.cli.command.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit list}. */
@Command(name = "list", aliases = "ls", description = "List audit records, newest first: every decision, allowed or denied.")
final class AuditList extends CliCommand {

    @Option(names = "--actor", paramLabel = "ACTOR", description = "e.g. token:tok_…, oidc:<sub>, system.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "e.g. plan.create, approval.decide, plan.execute.")
    String action;

    @Option(names = "--decision", paramLabel = "DECISION", description = "allow or deny.")
    String decision;

    @Option(names = "--subject", paramLabel = "ID", description = "A plan, execution, token … id.")
    String subject;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Not before, e.g. 2026-11-24T10:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Not after.")
    String to;

    @Mixin
    Paging paging;

    @Mixin
    OutputOption output;

    AuditList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<AuditEventView> page = api().get(ApiClient.query("/v1/audit", ApiClient.params("actor", actor,
                        "action", action, "decision", decision, "subject", subject, "from", from, "to", to,
                        "limit", paging.limit(), "before", paging.before())),
                new TypeReference<PageView<AuditEventView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DECISION", "REASON");
        for (AuditEventView a : page.items()) {
            t.row(a.seq(), a.at(), a.actor(), a.action(),
                    a.subjectId() == null ? a.subjectType() : a.subjectType() + " " + a.subjectId(),
                    style().status(a.decision()), Table.cut(a.reason(), 50));
        }
        paging.print(out(), err(), t, page, "audit records");
        return ExitCode.OK;
    }
}
