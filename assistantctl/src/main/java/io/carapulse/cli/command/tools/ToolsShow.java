package io.carapulse.cli.command.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.ActionView;
import io.carapulse.api.dto.ToolView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tools show NAME}. */
@Command(name = "show", aliases = "get", description = "Show a tool's actions: class, whether reversible, default "
        + "timeout, and arguments (* = required).")
final class ToolsShow extends CliCommand {

    @Parameters(paramLabel = "TOOL", description = "The tool name, e.g. kubectl.")
    String name;

    @Mixin
    OutputOption output;

    ToolsShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ToolView tool = api().get("/v1/tools/" + ApiClient.segment(name), ToolView.class);
        if (Printer.structured(out(), output.format(), tool)) {
            return ExitCode.OK;
        }
        out().println(tool.name() + ": " + tool.description());
        out().println("Transports usable now: " + (tool.transports().isEmpty() ? "none" : String.join(", ", tool.transports())));
        out().println();
        Table t = Table.of("ACTION", "CLASS", "REVERSIBLE", "TIMEOUT", "ARGUMENTS", "DESCRIPTION");
        for (ActionView a : tool.actions()) {
            t.row(a.qualifiedName(), style().status(a.actionClass().name()), a.reversible() ? "yes" : "no",
                    a.defaultTimeoutSeconds() + "s", arguments(a.argumentSchema()), Table.cut(a.description(), 60));
        }
        t.print(out());
        return ExitCode.OK;
    }

    /** {@code name*:string replicas*:integer}: each property with its type, required ones starred. */
    static String arguments(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode type = f.getValue().path("type");
            out.add(f.getKey() + (required.contains(f.getKey()) ? "*" : "") + ":"
                    + (type.isMissingNode() ? "any" : type.isTextual() ? type.asText() : type.toString()));
        }
        return String.join(" ", out);
    }
}
