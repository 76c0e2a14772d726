package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every {@code github} action: the family shape ({@link FamilyAction}) with the repository as the target
 * (S6: one of the environment's {@code github.repositories}, never free) and, for writes, what the
 * repository's entry allows ({@link #allowProblems}: bases, paths, workflows, merge methods), checked at
 * plan time and again before anything runs. An action writes its logic once, in {@link #run}, against the
 * {@link GitHubApi} of a {@link GitHubCall}, whichever transport the call got.
 *
 * @param <A> the action's arguments
 */
public abstract class GitHubAction<A extends Record & GitHubAction.Target> extends FamilyAction<A, GitHubRuntime> {

    /** The argument every github action has. */
    public interface Target {
        /** A repository of the environment's {@code github.repositories}, {@code owner/name}. */
        String repo();
    }

    protected static final String REPO = "GitHub repository owner/name, one of the environment's github.repositories";
    protected static final String NUMBER = "pull request number";

    private final String name;

    protected GitHubAction(GitHubRuntime runtime, String name, ActionClass actionClass, String description,
                           Class<A> argsType, boolean reversible, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, Set.of(Transport.CLI, Transport.HTTP),
                timeout);
        this.name = name;
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        List<String> problems = new ArrayList<>(runtime.repositoryProblems(environment, args.repo()));
        if (problems.isEmpty() && !isRead() && runtime.anonymous(environment)) {
            problems.add("repo: environment '" + environment + "' reads GitHub anonymously (github.token: none); "
                    + name + " writes and needs a credential there");
        }
        if (problems.isEmpty()) {
            GitHubInventory inventory = runtime.inventory(environment).orElseThrow();
            problems.addAll(allowProblems(inventory, runtime.repository(environment, args.repo()), args));
        }
        return problems;
    }

    /**
     * One line per target the repository's entry does not allow (a base, a path, a workflow, a merge method),
     * naming the argument; targets only a read can judge are checked in {@link #run}.
     */
    protected List<String> allowProblems(GitHubInventory inventory, GitHubRepository repository, A args) {
        return List.of();
    }

    private boolean isRead() {
        return descriptor().actionClass() == ActionClass.READ;
    }

    @Override
    protected final ToolResult viaCli(Path binary, A args, ToolCall call, ToolContext context) {
        try (GitHubCall gh = runtime.open(binary, call, context, name, args.repo(), isRead())) {
            return run(gh, args, call, context);
        }
    }

    @Override
    protected final ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        try (GitHubCall gh = runtime.open(null, call, context, name, args.repo(), isRead())) {
            return run(gh, args, call, context);
        }
    }

    /** A call that only reads, through the transport the step would get (a preview at plan time). */
    protected final GitHubCall readNow(ToolCall call, ToolContext context, A args) {
        return runtime.open(call, context, name, args.repo());
    }

    /** The action, once for both transports. */
    protected abstract ToolResult run(GitHubCall gh, A args, ToolCall call, ToolContext context);
}
