package io.carapulse.tools.github;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes of the names steps and the inventory use: repositories, branches, paths and workflow files.
 * None may start with {@code -} (S5); a branch follows git's own rules ({@code git check-ref-format}).
 */
public final class GitHubNames {

    /** {@code owner/name}. */
    public static final String REPOSITORY = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,38}/[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}";
    /** A branch (the rest of git's rules: {@link #branchProblem}). */
    public static final String BRANCH = "[A-Za-z0-9_][A-Za-z0-9._/+-]{0,254}";
    /** A ref a read may name: a branch, a tag or a commit SHA. */
    public static final String REF = BRANCH;
    /** A path in a repository, relative, without a leading {@code -}. */
    public static final String PATH = "[A-Za-z0-9_.@+=,~][A-Za-z0-9_.@+=,~/ -]{0,399}";
    /** A workflow file of {@code .github/workflows}. */
    public static final String WORKFLOW = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\\.ya?ml";

    private static final Pattern REPOSITORY_PATTERN = Pattern.compile(REPOSITORY);
    private static final Pattern BRANCH_PATTERN = Pattern.compile(BRANCH);
    private static final Pattern WORKFLOW_PATTERN = Pattern.compile(WORKFLOW);

    private GitHubNames() {
    }

    static boolean isRepository(String name) {
        return REPOSITORY_PATTERN.matcher(name).matches() && !name.endsWith("/.") && !name.endsWith("/..");
    }

    static boolean isWorkflow(String name) {
        return WORKFLOW_PATTERN.matcher(name).matches();
    }

    /** What makes {@code branch} no valid branch name, if anything. */
    public static Optional<String> branchProblem(String branch) {
        if (!BRANCH_PATTERN.matcher(branch).matches()) {
            return Optional.of("'" + branch + "' is not a branch name (letters, digits, '.', '_', '-', '+', '/')");
        }
        if (branch.contains("..") || branch.contains("//") || branch.endsWith("/") || branch.endsWith(".")
                || branch.endsWith(".lock") || branch.contains("/.") || branch.contains(".lock/")) {
            return Optional.of("'" + branch + "' is not a valid branch name (no '..', '//', '/.', and no '/', '.' "
                    + "or '.lock' at the end)");
        }
        return Optional.empty();
    }

    /** What makes {@code prefix} no valid path prefix of {@code paths}, if anything. */
    static Optional<String> prefixProblem(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("'" + prefix + "' is not a relative path prefix such as helm/values/prod/");
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")) {
                return Optional.of("'" + prefix + "' has an empty, '.', '..' or '.git' segment");
            }
        }
        return Optional.empty();
    }
}
