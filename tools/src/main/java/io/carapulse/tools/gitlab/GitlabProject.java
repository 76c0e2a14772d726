package io.carapulse.tools.gitlab;

import java.util.List;
import java.util.Objects;

/**
 * One GitLab project an environment's {@code gitlab} steps may touch (S6), as
 * {@code carapulse.environments.<env>.gitlab.repositories[i]} declares it.
 *
 * @param name           the project's full path, e.g. {@code platform/deploy/web} (groups and subgroups)
 * @param bases          the branches changes may be proposed against and merge requests merged into; at least one
 * @param paths          path prefixes a proposed change may write (e.g. {@code helm/values/prod/}); none: no writes
 * @param pipelineRefs   the refs {@code pipeline-run} may start a pipeline on; none: no pipelines
 * @param mergeMethods   the methods {@code pr-merge} may use, the first being the one it uses unless told
 * @param requiredChecks names of jobs of a merge request's head pipeline that must have succeeded before
 *                       it is merged (besides the pipeline itself)
 */
public record GitlabProject(String name, List<String> bases, List<String> paths, List<String> pipelineRefs,
                            List<MergeMethod> mergeMethods, List<String> requiredChecks) {

    /** How a merge request is merged: a merge commit, or its commits squashed into one first. */
    public enum MergeMethod {
        MERGE, SQUASH
    }

    public GitlabProject {
        Objects.requireNonNull(name, "name");
        bases = List.copyOf(bases);
        paths = List.copyOf(paths);
        pipelineRefs = List.copyOf(pipelineRefs);
        mergeMethods = mergeMethods.isEmpty() ? List.of(MergeMethod.MERGE) : List.copyOf(mergeMethods);
        requiredChecks = List.copyOf(requiredChecks);
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("a GitLab project needs at least one base branch");
        }
    }

    /** The merge method used when a step names none. */
    public MergeMethod defaultMergeMethod() {
        return mergeMethods.get(0);
    }
}
