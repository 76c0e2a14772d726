package io.carapulse.tools.gitlab;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What GitLab names look like where the inventory and the arguments name them: project paths, branch and
 * ref names. One place, so a base the inventory accepts is a base a step may name, and no name can start
 * with {@code -} (S5).
 */
public final class GitlabNames {

    /** A project's full path: {@code group[/subgroup…]/project}, each part GitLab's path characters. */
    public static final String PROJECT = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}){1,20}";

    /** A branch, tag or commit SHA as a step may name it; {@link #refProblem} adds git's own rules. */
    public static final String REF = "[A-Za-z0-9_][A-Za-z0-9_./+-]{0,199}";

    private static final Pattern PROJECT_PATTERN = Pattern.compile(PROJECT);
    private static final Pattern REF_PATTERN = Pattern.compile(REF);

    private GitlabNames() {
    }

    /** Why {@code path} is not a project path, if it is not one. */
    public static Optional<String> projectProblem(String path) {
        if (!PROJECT_PATTERN.matcher(path).matches()) {
            return Optional.of("is not a GitLab project path such as group/project or group/subgroup/project");
        }
        for (String part : path.split("/")) {
            if (part.endsWith(".") || part.endsWith(".git") || part.endsWith(".atom") || part.contains("..")) {
                return Optional.of("is not a GitLab project path (a part ends in '.', '.git' or '.atom', or holds '..')");
            }
        }
        return Optional.empty();
    }

    /** Why {@code ref} is not a branch or tag name git would accept, if it is not one. */
    public static Optional<String> refProblem(String ref) {
        if (!REF_PATTERN.matcher(ref).matches()) {
            return Optional.of("is not a branch or tag name (letters, digits, '_', '.', '/', '+', '-'; "
                    + "starting with a letter, digit or '_'; at most 200)");
        }
        if (ref.contains("..") || ref.contains("//") || ref.endsWith("/") || ref.endsWith(".") || ref.endsWith(".lock")
                || ref.contains("/.")) {
            return Optional.of("is not a valid git ref name ('..', '//', '/.', or a trailing '/', '.' or '.lock')");
        }
        return Optional.empty();
    }
}
