package io.carapulse.cli.command.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The human form of a runbook: its header, its parameters with their bounds, its step templates. */
final class RunbookRender {

    private static final int WIDTH = 14;

    private RunbookRender() {
    }

    static void detail(PrintWriter out, RunbookView r) {
        field(out, "Runbook", r.name());
        field(out, "Version", r.version() + (r.sha256() == null ? "" : " (sha256 " + r.sha256() + ")"));
        field(out, "Source", r.source() + (r.location() == null ? "" : " " + r.location()));
        field(out, "Environments", environments(r));
        field(out, "Recorded", (r.createdAt() == null ? "-" : r.createdAt().toString())
                + (r.createdBy() == null ? "" : " by " + r.createdBy()));
        // a description of several lines keeps them, under the first
        field(out, "Description", r.description() == null ? null
                : r.description().strip().replace("\n", "\n" + " ".repeat(WIDTH)));
        field(out, "Summary", r.summary());
        out.println();
        Table params = Table.of("PARAMETER", "TYPE", "REQUIRED", "DEFAULT", "BOUNDS", "DESCRIPTION");
        if (r.parameters() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = r.parameters().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode s = p.getValue();
                params.row(p.getKey(), s.path("type").asText(), s.path("required").asBoolean(false) ? "yes" : "no",
                        s.has("default") ? value(s.get("default")) : null, bounds(s),
                        s.path("description").asText(null));
            }
        }
        if (params.isEmpty()) {
            out.println("No parameters.");
        } else {
            params.print(out);
        }
        out.println();
        Table steps = Table.of("#", "STAGE", "STEP", "ARGS", "ASSERT", "WHEN");
        int position = 0;
        for (String stage : List.of("act", "verify")) {
            JsonNode list = stage.equals("act") ? r.steps() : r.verify();
            if (list == null) {
                continue;
            }
            for (JsonNode s : list) {
                steps.row(position++, stage, s.path("tool").asText() + "." + s.path("action").asText(),
                        s.has("args") ? s.get("args").toString() : null, assertion(s.path("assert")), when(s.path("when")));
            }
        }
        steps.print(out);
        out.flush();
    }

    /** {@code all} for a runbook that may run anywhere, else the names. */
    static String environments(RunbookView r) {
        return r.environments() == null || r.environments().isEmpty() ? "all" : String.join(",", r.environments());
    }

    /** The first line of a description, trimmed, cut for a table. */
    static String firstLine(String description) {
        if (description == null) {
            return null;
        }
        String first = description.strip().lines().findFirst().orElse("");
        return Table.cut(first, 80);
    }

    /** {@code 0..1000}, {@code one of web, api}, {@code length 1..40}, {@code pattern …}; {@code null} for none. */
    static String bounds(JsonNode s) {
        List<String> out = new ArrayList<>();
        if (s.has("enum")) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(value(v)));
            out.add("one of " + String.join(", ", values));
        }
        String range = range(s.get("minimum"), s.get("maximum"));
        if (range != null) {
            out.add(range);
        }
        String length = range(s.get("minLength"), s.get("maxLength"));
        if (length != null) {
            out.add("length " + length);
        }
        if (s.hasNonNull("pattern")) {
            out.add("pattern " + s.get("pattern").asText());
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    private static String range(JsonNode min, JsonNode max) {
        if (min == null && max == null) {
            return null;
        }
        if (min == null) {
            return "<= " + max.asText();
        }
        return max == null ? ">= " + min.asText() : min.asText() + ".." + max.asText();
    }

    /** A value as a person writes it on the command line: text without quotes, the rest as JSON. */
    private static String value(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String assertion(JsonNode a) {
        if (a.isMissingNode() || a.isNull()) {
            return null;
        }
        JsonNode value = a.get("value");
        return a.path("pointer").asText() + " " + a.path("op").asText()
                + (value == null || value.isNull() ? "" : " " + value);
    }

    private static String when(JsonNode w) {
        if (w.isMissingNode() || w.isNull()) {
            return null;
        }
        return "params." + w.path("param").asText() + " == " + w.path("equals");
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-" + WIDTH + "s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
