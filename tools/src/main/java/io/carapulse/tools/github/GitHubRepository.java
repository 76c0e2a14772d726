package io.carapulse.tools.github;

import java.util.List;

/**
 * One repository of an environment's {@code github.repositories} (S6): what steps may do in it.
 *
 * @param name           {@code owner/name}
 * @param bases          the branches a change may start from and a pull request may target (at least one)
 * @param paths          path prefixes a change may write ({@code helm/values/prod/}); reads go anywhere
 * @param workflows      workflow files {@code workflow-dispatch} may start ({@code deploy.yml})
 * @param mergeMethod    how {@code pr-merge} merges unless a step names another allowed one
 * @param mergeMethods   the methods a step may name (the default one first)
 * @param requiredChecks check names that must have succeeded before a merge; empty: every check of the head
 */
public record GitHubRepository(String name, List<String> bases, List<String> paths, List<String> workflows,
                               MergeMethod mergeMethod, List<MergeMethod> mergeMethods, List<String> requiredChecks) {

    public GitHubRepository {
        bases = List.copyOf(bases);
        paths = List.copyOf(paths);
        workflows = List.copyOf(workflows);
        mergeMethods = List.copyOf(mergeMethods);
        requiredChecks = List.copyOf(requiredChecks);
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("a repository needs at least one base branch");
        }
    }

    /** The owner part of {@link #name()}. */
    public String owner() {
        return name.substring(0, name.indexOf('/'));
    }
}
