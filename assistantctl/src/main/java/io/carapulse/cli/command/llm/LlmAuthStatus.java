package io.carapulse.cli.command.llm;

import io.carapulse.cli.Cli;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.llm.auth.AuthStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code llm auth status}: what the openai-codex provider would use now; reads the file only (no refresh). */
@Command(name = "status", description = {
        "What the openai-codex provider would use now and why: VALID, REFRESH_DUE (refreshed on next use), EXPIRED "
                + "or NOT_CONFIGURED, with what to do. Reads the file and the clock only: no refresh, no network.",
        "Exit 12 when it could not be used (EXPIRED, NOT_CONFIGURED)."})
final class LlmAuthStatus extends LocalAuthCommand {

    @Mixin
    OutputOption output;

    LlmAuthStatus(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        AuthStatus status = auth.admin().status();
        if (!Printer.structured(out(), output.format(), AuthViews.StatusView.of(status, auth.store().path()))) {
            PrintWriter out = out();
            field(out, "State", style().status(status.state().name()));
            field(out, "Credential", status.credential());
            field(out, "Selected by", status.selectedBy());
            field(out, "Account", status.accountId());
            field(out, "Expires", status.expiresAt() == null ? null : status.expiresAt().toString());
            if (status.profile() != null) {
                field(out, "Type", status.profile().type().json());
                field(out, "Source", status.profile().source());
                field(out, "Last refresh", status.profile().lastRefresh() == null ? null
                        : status.profile().lastRefresh().toString());
            }
            field(out, "File", auth.store().path().toString());
            field(out, "Detail", status.detail());
        }
        return switch (status.state()) {
            case VALID, REFRESH_DUE -> ExitCode.OK;
            case EXPIRED, NOT_CONFIGURED -> ExitCode.CHECK_FAILED;
        };
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-14s%s%n", name + ":", value == null ? "-" : value);
    }
}
