package io.carapulse.cli.command.runbook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.RunbookRunRequest;
import io.carapulse.api.dto.RunbookRunView;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.exec.ExecutionLog;
import io.carapulse.cli.command.plan.PlanRender;
import io.carapulse.cli.output.Json;
import io.carapulse.cli.output.OutputFormat;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runbook run NAME -e ENV -p key=value … [--follow]}. */
@Command(name = "run", description = {
        "Run a runbook: make its plan for an environment with these parameters. A plan that writes waits for an "
                + "approval; one that only reads starts at once (with --follow, streamed until it ends).",
        "",
        "  assistantctl runbook run scale-service -e prod -p namespace=web -p name=web -p replicas=3"})
final class RunbookRun extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The runbook's name (e.g. scale-service).")
    String name;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment to run in.")
    String environment;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter, typed by the runbook's "
            + "declaration: replicas=3 is a number for an integer parameter, name=007 stays text for a string one.")
    List<String> words;

    @Option(names = "--params-file", paramLabel = "FILE", description = "A JSON object of parameters with their JSON "
            + "types ('-' reads stdin); -p overrides its keys.")
    String paramsFile;

    @Option(names = "--runbook-version", paramLabel = "N", description = "Run an earlier version (default: the current one).")
    Integer version;

    @Option(names = {"-f", "--follow"}, description = "When the plan only reads and started, stream its execution "
            + "until it ends (exit 10 if it fails, 11 if held).")
    boolean follow;

    @Mixin
    OutputOption output;

    RunbookRun(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        Map<String, String> given = words();
        ObjectNode params = paramsFile == null ? JsonNodeFactory.instance.objectNode() : readParamsFile();
        // the declared types, from the very version the run asks for
        RunbookView runbook = Runbooks.get(api(), name, version);
        given.forEach((key, text) -> params.set(key, ParameterTyper.type(runbook, key, text)));
        RunbookRunView ran = api().post(Runbooks.path(name) + "/runs",
                new RunbookRunRequest(environment, params, runbook.version()), RunbookRunView.class);
        PlanView plan = ran.plan();
        boolean streaming = follow && ran.executionId() != null;
        if (streaming && output.format() != OutputFormat.TABLE) {
            // stdout is the execution's events, one document each, as plan execute --follow prints them
            err().println("plan " + plan.id() + " " + plan.status() + ", execution " + ran.executionId());
        } else if (!Printer.structured(out(), output.format(), ran)) {
            PlanRender.detail(out(), style(), plan);
        }
        if (ran.note() != null) {
            err().println("Not started: " + ran.note() + ": assistantctl plan execute " + plan.id());
        } else if (ran.executionId() != null && !streaming) {
            err().println("It only reads, so it started: assistantctl exec logs " + ran.executionId() + " --follow");
        } else if (plan.status().equals("AWAITING_APPROVAL")) {
            err().println("It writes, so it waits for an approval (assistantctl plan approve " + plan.id()
                    + "); see it: assistantctl plan show " + plan.id());
        }
        if (streaming) {
            return new ExecutionLog(cli, out(), err(), output.format()).follow(ran.executionId());
        }
        if (!follow) {
            return ExitCode.OK;
        }
        // --follow asked for an outcome and there is none to follow: say why by the exit code
        return plan.status().equals("AWAITING_APPROVAL") ? ExitCode.APPROVAL_REQUIRED
                : ran.note() != null ? ExitCode.FORBIDDEN : ExitCode.OK;
    }

    /** The {@code -p} words by key, in order; each key once. */
    private Map<String, String> words() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words == null ? List.<String>of() : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("-p " + w + ": expected KEY=VALUE, e.g. -p replicas=3");
            }
            if (out.put(w.substring(0, eq), w.substring(eq + 1)) != null) {
                throw CliException.usage("-p " + w.substring(0, eq) + " is given twice");
            }
        }
        return out;
    }

    private ObjectNode readParamsFile() {
        try (InputStream in = paramsFile.equals("-") ? cli.env().stdin() : Files.newInputStream(Path.of(paramsFile))) {
            JsonNode tree = Json.reader().readTree(in);
            if (tree == null || !tree.isObject()) {
                throw CliException.usage(paramsFile + " is not a JSON object of parameters, e.g. {\"replicas\": 3}");
            }
            return (ObjectNode) tree;
        } catch (JacksonException e) {
            throw CliException.usage(paramsFile + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read " + paramsFile + ": " + e.getMessage());
        }
    }
}
