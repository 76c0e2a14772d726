package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.workflow-dispatch} (WRITE, not reversible): starts a GitHub Actions workflow of the
 * repository's {@code workflows} on one of its {@code bases}, with inputs. {@code GET
 * /repos/{o}/{r}/actions/workflows/{file}} (its id), {@code POST …/actions/workflows/{id}/dispatches} (204,
 * no run id), then the run it created is looked for: {@code GET /repos/{o}/{r}/actions/runs?branch=<ref>
 * &event=workflow_dispatch&created=>=<dispatch time - 10 s>} every second for up to 20 seconds (less when the
 * step's deadline is nearer), keeping the workflow's runs; the first run created after the dispatch (the
 * oldest in that window) is taken. Evidence: {@code github.run_id}, {@code github.run_url}; when no run showed
 * up in time the step still succeeds (the dispatch was accepted) and {@code github.run_id} says
 * {@code not found}.
 */
public final class GitHubWorkflowDispatch extends GitHubAction<GitHubWorkflowDispatch.Arguments> {

    /** How much earlier than the server's clock GitHub's may date the run. */
    static final Duration SKEW = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = "workflow file of .github/workflows, one of the repository's github workflows, e.g. deploy.yml",
                    pattern = GitHubNames.WORKFLOW, maxLength = 105) String workflow,
            @Arg(value = "the branch to run it on, one of the repository's bases", pattern = GitHubNames.BRANCH,
                    maxLength = 255) String ref,
            @Arg(value = "the workflow's inputs, name -> value", maxItems = 25, maxLength = 10000)
            Optional<Map<String, String>> inputs) implements Target {
    }

    public GitHubWorkflowDispatch(GitHubRuntime runtime) {
        super(runtime, "workflow-dispatch", ActionClass.WRITE,
                "Start a GitHub Actions workflow (workflow_dispatch) on a base branch with inputs; evidence: run id and URL",
                Arguments.class, false, Duration.ofSeconds(120));
    }

    @Override
    protected List<String> allowProblems(GitHubInventory inventory, GitHubRepository repository, Arguments args) {
        List<String> problems = new ArrayList<>();
        if (!repository.workflows().contains(args.workflow())) {
            problems.add("workflow: '" + args.workflow() + "' is not a workflow of " + repository.name()
                    + " (github workflows: " + repository.workflows() + ")");
        }
        if (!repository.bases().contains(args.ref())) {
            problems.add("ref: '" + args.ref() + "' is not a base of " + repository.name() + " (bases: "
                    + repository.bases() + ")");
        }
        args.inputs().ifPresent(in -> in.keySet().stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_-]{0,99}"))
                .forEach(k -> problems.add("inputs: '" + k + "' is not an input name")));
        return problems;
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi api = gh.api();
        long workflowId = api.workflowId(args.workflow());
        Instant dispatched = runtime.clock().instant();
        api.dispatch(workflowId, args.ref(), args.inputs().orElse(Map.of()));
        Optional<GitHubApi.WorkflowRun> run = findRun(gh, workflowId, args.ref(), dispatched, context);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("github.workflow", args.workflow());
        ids.put("github.ref", args.ref());
        ids.put("github.dispatched_at", dispatched.toString());
        var data = GitHubRest.object().put("workflow", args.workflow()).put("ref", args.ref())
                .put("dispatched_at", dispatched.toString());
        String output;
        if (run.isPresent()) {
            ids.put("github.run_id", String.valueOf(run.get().id()));
            ids.put("github.run_url", String.valueOf(run.get().htmlUrl()));
            data.put("run_id", run.get().id()).put("run_url", run.get().htmlUrl()).put("status", run.get().status());
            output = "dispatched " + args.workflow() + " on " + args.ref() + ": run " + run.get().id() + " "
                    + run.get().htmlUrl();
        } else {
            ids.put("github.run_id", "not found");
            data.putNull("run_id");
            output = "dispatched " + args.workflow() + " on " + args.ref() + "; GitHub showed no run of it within "
                    + runtime.runLookup().toSeconds() + " s (the dispatch was accepted; look for the run in the "
                    + "workflow's runs)";
        }
        return gh.result(output, data, ids);
    }

    /** The run the dispatch created, looked for until it shows up, the lookup time passes or the deadline nears. */
    private Optional<GitHubApi.WorkflowRun> findRun(GitHubCall gh, long workflowId, String ref, Instant dispatched,
                                                    ToolContext context) {
        Instant since = dispatched.minus(SKEW);
        Instant giveUp = Instant.now().plus(runtime.runLookup());
        Instant deadline = context.deadline().minusSeconds(2);
        if (deadline.isBefore(giveUp)) {
            giveUp = deadline;
        }
        while (true) {
            Optional<GitHubApi.WorkflowRun> run = gh.api().dispatchedRuns(workflowId, ref, since).stream()
                    .filter(r -> r.createdAt() == null || !r.createdAt().isBefore(since))
                    .min(Comparator.comparing(r -> r.createdAt() == null ? Instant.MAX : r.createdAt()));
            if (run.isPresent() || !Instant.now().plus(POLL).isBefore(giveUp)) {
                return run;
            }
            if (context.cancellation().isCancelled()) {
                throw gh.failure(ToolFailure.CANCELLED, "cancelled while looking for the run (the workflow was "
                        + "dispatched)", null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
