package io.carapulse.tools.gitlab;

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
 * Every {@code gitlab} action: the family shape ({@link FamilyAction}) with the project as its target (S6:
 * one of the environment's {@code gitlab.repositories}, never free), plus what the project's entry limits
 * ({@link #projectTargets}: base branches, pipeline refs, paths), checked at plan time and again before
 * anything runs. An action writes its logic once, in {@link #run}, against a {@link GitlabCall} that makes
 * each request through {@code glab api} or gitlab4j-api, whichever the call got.
 *
 * @param <A> the action's arguments
 */
public abstract class GitlabAction<A extends Record & GitlabAction.OnProject> extends FamilyAction<A, GitlabRuntime> {

    /** The arguments every gitlab action has. */
    public interface OnProject {
        /** A project path of the environment's {@code gitlab.repositories}. */
        String repo();
    }

    protected static final String REPO = "the GitLab project's full path (group/project), one of the environment's "
            + "gitlab.repositories";
    protected static final String NUMBER = "the merge request's number in the project (its IID, !N)";
    /** A project path: {@link GitlabNames#PROJECT}. */
    protected static final String PROJECT_PATTERN = GitlabNames.PROJECT;
    /** A branch, tag or SHA: {@link GitlabNames#REF}. */
    protected static final String REF_PATTERN = GitlabNames.REF;

    private final String name;

    protected GitlabAction(GitlabRuntime runtime, String name, ActionClass actionClass, String description,
                           Class<A> argsType, boolean reversible, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, Set.of(Transport.CLI, Transport.HTTP),
                timeout);
        this.name = name;
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        List<String> problems = new ArrayList<>(runtime.projectProblems(environment, args.repo()));
        if (problems.isEmpty() && !isRead() && runtime.anonymous(environment)) {
            problems.add("repo: environment '" + environment + "' reads GitLab anonymously (gitlab.token: none); "
                    + name + " writes and needs a credential there");
        }
        if (problems.isEmpty()) {
            problems.addAll(projectTargets(runtime.checkedInventory(environment), runtime.project(environment, args.repo()),
                    args));
        }
        return problems;
    }

    /**
     * One line per target {@code args} names that the project's entry does not allow (a base branch, a
     * pipeline ref, a path), naming the argument; empty by default.
     */
    protected List<String> projectTargets(GitlabInventory inventory, GitlabProject project, A args) {
        return List.of();
    }

    protected final boolean isRead() {
        return descriptor().actionClass() == ActionClass.READ;
    }

    @Override
    protected final ToolResult viaCli(Path binary, A args, ToolCall call, ToolContext context) {
        try (GitlabCall gitlab = runtime.open(binary, call, context, name, args.repo(), isRead())) {
            return run(gitlab, runtime.project(call.environment(), args.repo()), args, call, context);
        }
    }

    @Override
    protected final ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        try (GitlabCall gitlab = runtime.open(null, call, context, name, args.repo(), isRead())) {
            return run(gitlab, runtime.project(call.environment(), args.repo()), args, call, context);
        }
    }

    /** A connection for reads outside {@link #execute} (a preview), through the transport the call would get. */
    protected final GitlabCall readNow(ToolCall call, ToolContext context, A args) {
        return runtime.open(call, context, name, args.repo(), true);
    }

    /** The action, once for both transports; {@code project} is the inventory's entry for {@code args.repo()}. */
    protected abstract ToolResult run(GitlabCall gitlab, GitlabProject project, A args, ToolCall call,
                                      ToolContext context);
}
