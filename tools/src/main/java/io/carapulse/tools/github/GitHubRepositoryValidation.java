package io.carapulse.tools.github;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One entry of {@code github.repositories}; see {@link GitHubInventoryValidation}. */
final class GitHubRepositoryValidation {

    private GitHubRepositoryValidation() {
    }

    static Optional<GitHubRepository> repository(String key, Object raw, Set<String> names, List<String> problems) {
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(key + ": must be a map of " + GitHubInventoryValidation.REPOSITORY_KEYS.stream().sorted().toList());
            return Optional.empty();
        }
        int before = problems.size();
        GitHubRaw r = GitHubRaw.of(key, raw, GitHubInventoryValidation.REPOSITORY_KEYS, problems);
        Optional<String> name = r.string("name");
        if (name.isEmpty()) {
            problems.add(r.key("name") + ": a repository needs its name, owner/name, e.g. acme/web");
        } else if (!GitHubNames.isRepository(name.get())) {
            problems.add(r.key("name") + ": " + GitHubRaw.shown(name.get()) + " is not owner/name, e.g. acme/web");
        } else if (!names.add(name.get().toLowerCase(Locale.ROOT))) {
            problems.add(r.key("name") + ": the repository '" + name.get() + "' is declared twice");
        }
        List<String> bases = new ArrayList<>();
        for (String b : r.strings("bases")) {
            GitHubNames.branchProblem(b).ifPresentOrElse(p -> problems.add(r.key("bases") + ": " + p), () -> bases.add(b));
        }
        if (bases.isEmpty() && problems.size() == before) {
            problems.add(r.key("bases") + ": a repository needs at least one base branch changes may start from, "
                    + "e.g. [main]");
        }
        List<String> paths = new ArrayList<>();
        for (String p : r.strings("paths")) {
            GitHubNames.prefixProblem(p).ifPresentOrElse(x -> problems.add(r.key("paths") + ": " + x), () -> paths.add(p));
        }
        List<String> workflows = new ArrayList<>();
        for (String w : r.strings("workflows")) {
            if (GitHubNames.isWorkflow(w)) {
                workflows.add(w);
            } else {
                problems.add(r.key("workflows") + ": " + GitHubRaw.shown(w) + " is not a workflow file name such as "
                        + "deploy.yml");
            }
        }
        List<MergeMethod> methods = mergeMethods(r, problems);
        List<String> checks = new ArrayList<>();
        for (String c : r.strings("required-checks")) {
            if (c.length() > 200 || c.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                problems.add(r.key("required-checks") + ": a check name is one line of at most 200 characters");
            } else {
                checks.add(c);
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new GitHubRepository(name.orElseThrow(), dedupe(bases), dedupe(paths), dedupe(workflows),
                methods.get(0), methods, dedupe(checks)));
    }

    private static List<MergeMethod> mergeMethods(GitHubRaw r, List<String> problems) {
        Set<MergeMethod> methods = new LinkedHashSet<>();
        for (String m : r.strings("merge-method")) {
            try {
                methods.add(MergeMethod.valueOf(m.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(r.key("merge-method") + ": " + GitHubRaw.shown(m) + " is not one of merge, squash, rebase");
            }
        }
        return methods.isEmpty() ? List.of(MergeMethod.MERGE) : List.copyOf(methods);
    }

    private static List<String> dedupe(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
