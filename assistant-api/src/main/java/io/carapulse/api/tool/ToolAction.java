package io.carapulse.api.tool;

import java.util.List;
import java.util.Optional;

/**
 * One operation of one tool: {@code kubectl.scale}, {@code helm.rollback}. Implementations are
 * small classes, one per operation; the adapter lists them.
 */
public interface ToolAction {

    /** The declaration the registry, plan validation and policy rely on; constant for the process. */
    ActionDescriptor descriptor();

    /**
     * Performs the call. Returns only when the action succeeded: a non-zero exit or a non-2xx
     * response is a {@link ToolException}, never output (S9). Must watch
     * {@link ToolContext#cancellation()} and stop promptly when it is set.
     *
     * @throws ToolException with whatever evidence was gathered before the failure
     */
    ToolResult execute(ToolCall call, ToolContext context);

    /**
     * For reversible writes: reads the current state and returns the call that would restore it
     * (for {@code scale}, a {@code scale} to the replica count read now). The runtime calls this
     * <em>before</em> {@link #execute} and stores the result, so a rollback never depends on memory.
     * Actions that are not reversible return empty.
     */
    default Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        return Optional.empty();
    }

    /**
     * Plan-time check of S6: every target the call names (namespace, application, release …) is
     * declared in the inventory of {@link ToolCall#environment()}. Called after the arguments passed
     * the schema and before anything is stored or an approval requested. Returns one line per
     * problem, naming the argument (e.g. {@code "namespace 'kube-system' is not in environment
     * prod"}); empty when every target is allowed. Actions without targets keep the default.
     */
    default List<String> targetProblems(ToolCall call) {
        return List.of();
    }

    /**
     * Plan-time check of everything about the arguments alone that {@link #execute} would refuse beyond
     * the schema: rules across fields ("exactly one of pod and deployment"), values a schema cannot
     * express. Implementations call the same code their {@code execute} parses the arguments with, so
     * one validator serves plan time and execution time and a plan that can never run is never stored
     * or sent for approval. Returns one line per problem, naming the argument; empty when valid.
     */
    default List<String> argumentProblems(ToolCall call) {
        return List.of();
    }

    /**
     * For a write whose effect depends on state only the provider knows (a proposed change's diff against
     * its base branch): reads that state when the plan is made and returns what the approver must see.
     * Called after {@link #argumentProblems} and {@link #targetProblems} passed, before anything is stored;
     * a {@link ToolException} refuses the plan with its message (a base file that is a symlink, a file
     * over the size limit, a path that does not exist at the base). The runtime stores the result with the
     * step, fingerprints it, and hands it back through {@link ToolContext#preview()} at execution. Actions
     * without one keep the default.
     */
    default Optional<StepPreview> preview(ToolCall call, ToolContext context) {
        return Optional.empty();
    }
}
