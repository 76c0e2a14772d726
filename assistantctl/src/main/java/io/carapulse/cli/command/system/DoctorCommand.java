package io.carapulse.cli.command.system;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.CarapulseVersion;
import io.carapulse.api.dto.ToolView;
import io.carapulse.api.dto.VersionView;
import io.carapulse.api.dto.WhoAmIView;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.Connection;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code doctor}: is the server there, which version, who am I, which tool CLIs the server found, the
 * LLM's status (the server's, then this machine's auth profiles), and whether the local files that hold
 * secrets are private. Exit 12 when a check fails.
 */
@Command(name = "doctor", description = {"Check the connection and the set-up.",
        "Server reachable and its version, who you are and your roles, which tool CLIs the server found (and which "
                + "fall back to HTTP), the LLM provider's status, the local auth profile the openai-codex provider "
                + "would use, and the permissions of the local files that hold secrets. Exit 12 if a check fails."})
public final class DoctorCommand extends CliCommand {

    /** {@code -o json}: every check, and whether none failed. */
    record Report(boolean ok, List<Check> checks) {
    }

    @Mixin
    OutputOption output;

    DoctorCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        List<Check> checks = new ArrayList<>();
        serverChecks(checks);
        checks.add(LlmAuthCheck.of(cli.env()));
        checks.addAll(new LocalFiles(cli.env()).check());
        boolean ok = checks.stream().noneMatch(c -> c.status().equals(Check.FAIL));
        if (!Printer.structured(out(), output.format(), new Report(ok, checks))) {
            Table t = Table.of("STATUS", "CHECK", "DETAIL");
            checks.forEach(c -> t.row(style().status(c.status().toUpperCase(java.util.Locale.ROOT)), c.check(), c.detail()));
            t.print(out());
        }
        return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private void serverChecks(List<Check> checks) {
        Connection connection;
        try {
            connection = cli.connection();
        } catch (CliException e) {
            checks.add(Check.fail("connection", e.getMessage()));
            return;
        }
        ApiClient api = cli.api();
        String where = connection.server() + " (from " + connection.serverFrom() + ")";
        try {
            int health = api.health();
            checks.add(health == 200 ? Check.ok("server", where + ": health UP")
                    : Check.fail("server", where + ": health answered " + health));
        } catch (CliException e) {
            checks.add(Check.fail("server", where + ": " + e.getMessage()));
            return;
        }
        WhoAmIView me;
        try {
            me = api.get("/v1/me", WhoAmIView.class);
        } catch (CliException e) {
            checks.add(Check.fail("identity", e.getMessage() + "; token from " + connection.tokenFrom()));
            return;
        }
        checks.add(me.roles().isEmpty()
                ? Check.warn("identity", me.name() + " (" + me.subject() + ") has no role; ask an admin")
                : Check.ok("identity", me.name() + " (" + me.subject() + "), roles " + String.join(",", me.roles())
                        + "; token from " + connection.tokenFrom()));
        checks.add(version(api));
        try {
            tools(api, checks);
        } catch (CliException e) {
            checks.add(Check.fail("tool", "cannot list the tools: " + e.getMessage()));
        }
        try {
            checks.add(llm(api));
        } catch (CliException e) {
            checks.add(Check.warn("llm", "cannot read the LLM status: " + e.getMessage()));
        }
    }

    private static Check version(ApiClient api) {
        String client = CarapulseVersion.current();
        VersionView server = api.getIfPresent("/v1/version", VersionView.class);
        if (server == null) {
            return Check.warn("version", "the server does not report its version; client " + client);
        }
        String text = "server " + server.version() + ", client " + client;
        return server.version().equals(client) ? Check.ok("version", text) : Check.warn("version", text + " (they differ)");
    }

    private static void tools(ApiClient api, List<Check> checks) {
        List<ToolView> tools = api.get("/v1/tools", new TypeReference<List<ToolView>>() { });
        for (ToolView t : tools) {
            boolean declaresCli = t.actions().stream().anyMatch(a -> a.transports().contains("cli"));
            if (t.transports().isEmpty()) {
                // not a failure: plans that use it are refused with a clear code, everything else works
                checks.add(Check.warn("tool", t.name() + ": not usable now"
                        + (declaresCli ? " (no " + t.name() + " CLI on the server and no API configured)" : "")));
            } else if (declaresCli && !t.transports().contains("cli")) {
                checks.add(Check.warn("tool", t.name() + ": no " + t.name() + " CLI found on the server; falls back to "
                        + String.join(", ", t.transports())));
            } else {
                checks.add(Check.ok("tool", t.name() + ": " + String.join(", ", t.transports())));
            }
        }
    }

    static Check llm(ApiClient api) {
        LlmStatus s = api.getIfPresent("/v1/llm", LlmStatus.class);
        if (s == null) {
            return Check.warn("llm", "server does not report LLM status");
        }
        if (!s.configured()) {
            return Check.warn("llm", "not configured" + (s.detail() == null ? "" : ": " + s.detail()));
        }
        return Check.ok("llm", s.provider() + ", model " + s.model() + (s.credential() == null ? "" : ", credential "
                + s.credential()) + (s.expiresAt() == null ? "" : ", token expires " + s.expiresAt())
                + (s.detail() == null ? "" : "; " + s.detail()));
    }
}
