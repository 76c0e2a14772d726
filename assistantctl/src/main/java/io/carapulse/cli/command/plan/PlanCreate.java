package io.carapulse.cli.command.plan;

import com.fasterxml.jackson.core.JacksonException;
import io.carapulse.api.dto.ActionView;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.dto.ToolView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Json;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plan create -f plan.yaml} or {@code plan create --env E --step tool.action k=v …}. */
@Command(name = "create", description = {
        "Propose a plan, from a file or from --step/--verify words. Each step takes its class (READ, WRITE, "
                + "BREAK_GLASS) from the tool, never from you; a plan that writes waits for an approval.",
        "",
        "  assistantctl plan create -f plan.yaml",
        "  assistantctl plan create --env dev --summary 'scale web' \\",
        "      --step fake.scale name=web replicas=3 --verify fake.get name=web --assert /replicas eq 3"})
final class PlanCreate extends CliCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "YAML or JSON with environment, summary and steps (as POST /v1/plans takes); '-' reads stdin.")
    String file;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "The environment (overrides the file's).")
    String environment;

    @Option(names = "--summary", paramLabel = "TEXT", description = "What the plan does (overrides the file's; "
            + "default with --step: the steps themselves).")
    String summary;

    @Option(names = "--step", paramLabel = "TOOL.ACTION [KEY=VALUE|KEY:=JSON]...", parameterConsumer = StepConsumer.class,
            description = "An act step. Values are typed by the action's schema (replicas=3 is a number); KEY:=JSON is raw JSON.")
    List<String> stepWords;

    @Option(names = "--verify", paramLabel = "TOOL.ACTION [KEY=VALUE]...", parameterConsumer = StepConsumer.class,
            description = "A verify step (READ actions only); follow it with --assert.")
    List<String> verifyWords;

    @Option(names = "--assert", paramLabel = "POINTER OP [VALUE]", parameterConsumer = StepConsumer.class,
            description = "The preceding --verify step's check: a JSON pointer into its result, eq|ne|gt|gte|lt|lte|exists, a value.")
    List<String> assertWords;

    @Option(names = "--revert-after", paramLabel = "DURATION", parameterConsumer = StepConsumer.class,
            description = "Time-box the preceding --step (a reversible write): its change is reverted DURATION (90m, 2h, "
                    + "1d) after the execution succeeds.")
    List<String> revertAfterWords;

    @Mixin
    OutputOption output;

    private final List<StepDraft> drafts = new ArrayList<>();

    PlanCreate(Cli cli) {
        super(cli);
    }

    void add(StepDraft step) {
        drafts.add(step);
    }

    void assertLast(Assertion assertion, CommandSpec spec) {
        if (drafts.isEmpty() || !drafts.get(drafts.size() - 1).stage.equals("verify")) {
            throw new ParameterException(spec.commandLine(), "--assert belongs right after a --verify step");
        }
        drafts.get(drafts.size() - 1).assertion = assertion;
    }

    void revertLast(String revertAfter, CommandSpec spec) {
        if (drafts.isEmpty() || !drafts.get(drafts.size() - 1).stage.equals("act")) {
            throw new ParameterException(spec.commandLine(), "--revert-after belongs right after a --step");
        }
        drafts.get(drafts.size() - 1).revertAfter = revertAfter;
    }

    @Override
    protected ExitCode run() {
        PlanCreateRequest request = request();
        PlanView plan = api().post("/v1/plans", request, PlanView.class);
        if (!Printer.structured(out(), output.format(), plan)) {
            PlanRender.detail(out(), style(), plan);
        }
        if (plan.status().equals("AWAITING_APPROVAL")) {
            err().println("It writes, so it needs an approval: assistantctl plan approve " + plan.id());
        } else if (plan.status().equals("READY")) {
            err().println("It only reads: assistantctl plan execute " + plan.id() + " --follow");
        }
        return ExitCode.OK;
    }

    private PlanCreateRequest request() {
        if (file != null && !drafts.isEmpty()) {
            throw CliException.usage("give the steps in a file (-f) or as --step words, not both");
        }
        if (file != null) {
            PlanCreateRequest fromFile = readFile();
            return new PlanCreateRequest(environment != null ? environment : fromFile.environment(),
                    summary != null ? summary : fromFile.summary(), fromFile.steps());
        }
        if (drafts.isEmpty()) {
            throw CliException.usage("a plan needs steps: -f FILE, or --step TOOL.ACTION KEY=VALUE …");
        }
        if (environment == null) {
            throw CliException.usage("which environment? --env NAME");
        }
        Map<String, ToolView> tools = new HashMap<>();
        List<StepSpec> steps = new ArrayList<>();
        for (StepDraft d : drafts) {
            ToolView tool = tools.computeIfAbsent(d.tool, this::tool);
            ActionView action = tool == null ? null : tool.actions().stream()
                    .filter(a -> a.name().equals(d.action)).findFirst().orElse(null);
            steps.add(new StepSpec(d.tool, d.action, ArgumentTyper.type(d, action), d.stage, d.assertion, null,
                    d.revertAfter));
        }
        String text = summary != null ? summary : drafts.stream()
                .map(d -> d.name() + (d.args.isEmpty() ? "" : " " + d.args.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))))
                .collect(Collectors.joining("; "));
        return new PlanCreateRequest(environment, text, steps);
    }

    /** The tool's schemas, to type the arguments; {@code null} for a tool the server does not have (it will say so). */
    private ToolView tool(String name) {
        return api().getIfPresent("/v1/tools/" + ApiClient.segment(name), ToolView.class);
    }

    private PlanCreateRequest readFile() {
        try (InputStream in = file.equals("-") ? cli.env().stdin() : Files.newInputStream(Path.of(file))) {
            PlanCreateRequest r = Json.yamlStrict().readValue(in, PlanCreateRequest.class);
            if (r == null) {
                throw CliException.usage(file + " is empty");
            }
            return r;
        } catch (JacksonException e) {
            throw CliException.usage(file + " is not a plan: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
