package io.carapulse.tools.github;

import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.git.FileChange;
import io.carapulse.tools.git.PreparedChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes an approved change as GitHub's git data API makes one commit: the branch must not exist yet
 * ({@code conflict}, nothing written), then one blob per new content ({@code POST git/blobs}, its SHA checked
 * against the approved one), a tree on the base commit's tree ({@code POST git/trees}; a file keeps its mode,
 * read from the base's trees, a new one is {@code 100644}, a deleted one has {@code sha: null}), a commit on
 * the base commit ({@code POST git/commits}), the branch ({@code POST git/refs}), the pull request
 * ({@code POST pulls}). If the pull request cannot be opened, the branch is deleted again.
 */
final class ChangePush {

    private final GitHubCall gh;
    private final GitHubApi api;

    ChangePush(GitHubCall gh) {
        this.gh = gh;
        this.api = gh.api();
    }

    record Pushed(String commit, GitHubApi.PullRequest pull) {
    }

    Pushed push(PreparedChange change, String branch, String message, String title, String body, boolean draft) {
        if (exists(branch)) {
            throw gh.failure(ToolFailure.CONFLICT, "the branch '" + branch + "' already exists; nothing was pushed", null);
        }
        String baseTree = api.commitTree(change.baseCommitSha());
        Map<String, String> modes = modes(baseTree, change.files());
        List<GitHubApi.TreeEntry> entries = new ArrayList<>();
        for (FileChange f : change.files()) {
            if (f.deletes()) {
                entries.add(new GitHubApi.TreeEntry(f.path(), modes.getOrDefault(f.path(), "100644"), null));
                continue;
            }
            String blob = api.createBlob(f.newContent());
            if (!blob.equals(f.newBlobSha())) {
                throw gh.failure(ToolFailure.TOOL_FAILED, "GitHub stored '" + f.path() + "' as blob " + blob
                        + ", not the approved " + f.newBlobSha() + "; nothing was pushed", null);
            }
            entries.add(new GitHubApi.TreeEntry(f.path(), modes.getOrDefault(f.path(), "100644"), blob));
        }
        String tree = api.createTree(baseTree, entries);
        String commit = api.createCommit(message, tree, change.baseCommitSha());
        api.createBranch(branch, commit);
        try {
            return new Pushed(commit, api.createPull(title, branch, change.baseRef(), body, draft));
        } catch (ToolException e) {
            boolean deleted;
            try {
                deleted = api.deleteBranch(branch);
            } catch (RuntimeException again) {
                deleted = false;
            }
            throw gh.failure(e.failure(), "the pull request could not be opened (" + e.getMessage() + "); "
                    + (deleted ? "the branch " + branch + " was deleted again" : "the branch " + branch + " remains"), e);
        }
    }

    private boolean exists(String branch) {
        try {
            api.branchHead(branch);
            return true;
        } catch (ToolException e) {
            if (e.failure() == ToolFailure.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The modes of the files the change replaces or deletes, read down the base's trees (one read per directory). */
    private Map<String, String> modes(String baseTree, List<FileChange> files) {
        Map<String, String> modes = new HashMap<>();
        Map<String, List<GitHubApi.TreeItem>> trees = new HashMap<>();
        for (FileChange f : files) {
            if (f.creates()) {
                continue;
            }
            String[] parts = f.path().split("/");
            String sha = baseTree;
            String dir = "";
            for (int i = 0; i < parts.length && sha != null; i++) {
                final String treeSha = sha;
                List<GitHubApi.TreeItem> items = trees.computeIfAbsent(dir, d -> api.tree(treeSha));
                String name = parts[i];
                GitHubApi.TreeItem item = items.stream().filter(t -> name.equals(t.path())).findFirst().orElse(null);
                if (item == null) {
                    sha = null;
                } else if (i == parts.length - 1) {
                    modes.put(f.path(), item.mode());
                } else {
                    sha = item.sha();
                    dir = dir + name + "/";
                }
            }
        }
        return modes;
    }
}
