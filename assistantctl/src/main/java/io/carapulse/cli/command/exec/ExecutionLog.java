package io.carapulse.cli.command.exec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.api.dto.ExecutionView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.http.EventFollower;
import io.carapulse.cli.output.OutputFormat;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Spinner;
import io.carapulse.cli.output.Style;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's events as a log: one line per step start, output line and end for people
 * ({@code [0 act] fake.scale (WRITE) started}), one JSON document per event with {@code -o json}.
 * Used by {@code exec logs} and {@code plan execute --follow}.
 */
public final class ExecutionLog {

    private static final int PAGE = 500;

    private final Cli cli;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final Style style;
    /** stepRunId → "[0 act]", from step.started, for the output lines that name only the run. */
    private final Map<String, String> labels = new HashMap<>();
    private String executionId = "ID";

    public ExecutionLog(Cli cli, PrintWriter out, PrintWriter err, OutputFormat format) {
        this.cli = cli;
        this.out = out;
        this.err = err;
        this.format = format;
        this.style = cli.style();
    }

    /**
     * Streams events live until the execution ends (or is held); the exit code says how it ended.
     *
     * <p>A held execution that a person has since resolved carries an old {@code execution.held} in its
     * history: following goes on past it. One resolved as failed ends without an
     * {@code execution.finished} event, so the execution's own status decides after a held event and
     * on a quiet stream.
     */
    public ExitCode follow(String executionId) {
        this.executionId = executionId;
        boolean interactive = cli.env().interactive();
        try (Spinner spinner = Spinner.start(err, "running " + executionId, interactive)) {
            EventFollower follower = new EventFollower(cli.api(), 5, 500,
                    notice -> spinner.around(() -> {
                        err.println(notice);
                        err.flush();
                    }));
            long after = 0;
            while (true) {
                EventFollower.Stop stop = follower.follow(executionId, after, e -> spinner.around(() -> print(e)),
                        () -> settled(status(executionId)));
                if (stop.event() != null && EventFollower.FINISHED.equals(stop.event().type())) {
                    return outcome(stop.event());
                }
                String status = status(executionId);
                if (status.equals("HELD")) {
                    return ExitCode.EXECUTION_HELD;
                }
                if (settled(status)) {
                    spinner.around(() -> printEnd(status));
                    return status.equals("SUCCEEDED") ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
                }
                after = stop.lastSeq();
            }
        }
    }

    private String status(String id) {
        return cli.api().get("/v1/executions/" + ApiClient.segment(id), ExecutionView.class).status();
    }

    private static boolean settled(String status) {
        return TERMINAL.contains(status) || status.equals("HELD");
    }

    private void printEnd(String status) {
        if (format == OutputFormat.TABLE) {
            out.println("execution " + style.status(status));
            out.flush();
        }
    }

    /** Prints the events recorded so far and returns; does not wait for more. */
    public void recorded(String executionId) {
        this.executionId = executionId;
        long after = 0;
        while (true) {
            List<ExecutionEventView> page = cli.api().get(ApiClient.query("/v1/executions/" + ApiClient.segment(executionId)
                    + "/event-log", ApiClient.params("after", after, "limit", PAGE)), new TypeReference<>() { });
            page.forEach(this::print);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED");

    /** The exit code for the event that ended following. */
    static ExitCode outcome(ExecutionEventView terminal) {
        if (EventFollower.HELD.equals(terminal.type())) {
            return ExitCode.EXECUTION_HELD;
        }
        return "SUCCEEDED".equals(terminal.data().path("status").asText()) ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
    }

    void print(ExecutionEventView e) {
        if (format != OutputFormat.TABLE) {
            Printer.streamed(out, format, e);
            return;
        }
        String line = line(e);
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private String line(ExecutionEventView e) {
        JsonNode d = e.data() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : e.data();
        String step = d.path("tool").asText("?") + "." + d.path("action").asText("?");
        return switch (e.type()) {
            case "step.started" -> {
                String label = "[" + d.path("position").asText() + " " + d.path("kind").asText() + "]";
                labels.put(d.path("stepRunId").asText(), label);
                yield label + " " + step + " (" + style.status(d.path("class").asText()) + ") started"
                        + (d.path("attempt").asInt(1) > 1 ? ", attempt " + d.path("attempt").asInt() : "");
            }
            case "step.output" -> labels.getOrDefault(d.path("stepRunId").asText(), "[?]") + " " + d.path("line").asText();
            case "step.finished" -> labels.getOrDefault(d.path("stepRunId").asText(), "[" + d.path("position").asText() + "]")
                    + " " + (d.has("tool") ? step + " " : "") + style.status(d.path("status").asText()) + error(d);
            case "execution.held" -> "execution " + style.status("HELD") + ": step " + d.path("position").asText()
                    + " was running when its replica stopped and its outcome is unknown; check the target, then "
                    + "assistantctl exec resolve " + executionId + " --outcome succeeded|failed";
            case "execution.finished" -> "execution " + style.status(d.path("status").asText()) + error(d);
            default -> e.type().startsWith("execution.") ? "execution " + style.status(d.path("status").asText(e.type()))
                    : null;
        };
    }

    private static String error(JsonNode d) {
        String code = d.path("errorCode").isNull() ? null : d.path("errorCode").asText(null);
        String detail = d.path("errorDetail").isNull() ? null : d.path("errorDetail").asText(null);
        if (code == null && detail == null) {
            return "";
        }
        return ": " + (code == null ? "" : code + (detail == null ? "" : ": ")) + (detail == null ? "" : detail);
    }
}
