package io.carapulse.tools.github;

/** How {@code pr-merge} merges: GitHub's {@code merge_method}. */
public enum MergeMethod {
    MERGE, SQUASH, REBASE;

    /** The wire name: {@code merge}, {@code squash}, {@code rebase}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
