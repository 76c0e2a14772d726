package io.carapulse.tools.gitlab;

import io.carapulse.tools.git.GitBlob;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * GitLab REST v4 answers in their real shapes (field names, nesting and types as GitLab's API documentation
 * shows them for GitLab 16/17: branches, repository tree and files, commits, merge requests, notes,
 * pipelines and jobs), shared by the WireMock stubs (SDK path) and the fake {@code glab api} (CLI path), so
 * both transports read the same answers.
 */
final class GitlabShapes {

    static final String PROJECT = "platform/deploy/web";
    static final String ENCODED = "platform%2Fdeploy%2Fweb";
    static final String P = "projects/" + ENCODED;
    static final long PROJECT_ID = 278964;
    static final String WEB = "https://gitlab.example.com/platform/deploy/web";

    static final String HEAD = "6104942438c14ec7bd21c6cd5bd995272b3faff6";
    static final String MOVED = "9a3f1c52b7e04d6f8c2a1e0b5d7f3a9c8e6b4d21";
    static final String MR_SHA = "b83d6e391c22777fca1ed3012fce84f633d7fed0";
    static final String COMMIT = "ed899a2f4b50b4370feeea94676502b42383c746";
    static final String MERGE_COMMIT = "3d5b4b1a7c0e2f9a6d8c4b2e1f0a9d7c5b3e1f42";

    static final String VALUES_PATH = "helm/values/prod/values.yaml";
    static final String VALUES = "replicaCount: 2\nimage:\n  repository: registry.example.com/web\n  tag: \"1.4.2\"\n";
    static final String VALUES_NEW = VALUES.replace("1.4.2", "1.4.3");
    static final String VALUES_BLOB = GitBlob.sha1(VALUES.getBytes(StandardCharsets.UTF_8));

    private GitlabShapes() {
    }

    static String branch(String name, String sha) {
        return """
                {"name": "%s", "merged": false, "protected": true, "default": true, "developers_can_push": false,
                 "developers_can_merge": false, "can_push": true, "web_url": "%s/-/tree/%s",
                 "commit": {"id": "%s", "short_id": "%s", "created_at": "2024-05-02T09:12:44.000+00:00",
                  "parent_ids": ["ae1d9fb46aa2b07ee9836d49862ec4e2c46fbbba"], "title": "Bump web to 1.4.2",
                  "message": "Bump web to 1.4.2\\n", "author_name": "Dana Ops", "author_email": "dana@example.com",
                  "authored_date": "2024-05-02T09:12:44.000+00:00", "committer_name": "Dana Ops",
                  "committer_email": "dana@example.com", "committed_date": "2024-05-02T09:12:44.000+00:00",
                  "trailers": {}, "web_url": "%s/-/commit/%s"}}
                """.formatted(name, WEB, name, sha, sha.substring(0, 8), WEB, sha);
    }

    /** One entry of {@code GET /projects/:id/repository/tree}. */
    static String treeEntry(String id, String name, String type, String path, String mode) {
        return """
                {"id": "%s", "name": "%s", "type": "%s", "path": "%s", "mode": "%s"}""".formatted(id, name, type, path, mode);
    }

    /** The tree of {@code helm/values/prod}: files, a symlink, a submodule and a directory. */
    static String prodTree(String valuesBlob) {
        return "[" + String.join(", ",
                treeEntry(valuesBlob, "values.yaml", "blob", VALUES_PATH, "100644"),
                treeEntry("c68537c6534a02cc2b176ca1549f4ffa190b58ee", "link.yaml", "blob", "helm/values/prod/link.yaml",
                        "120000"),
                treeEntry("2e4f9c1d8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e", "vendor", "commit", "helm/values/prod/vendor",
                        "160000"),
                treeEntry("a1e8f8d745cc87e3a9248358d9352bb7f9a0aeba", "overrides", "tree", "helm/values/prod/overrides",
                        "040000"),
                treeEntry("7d2c5e9a1b3f4d6e8a0c2b4d6f8e0a1c3b5d7f9e", "big.yaml", "blob", "helm/values/prod/big.yaml",
                        "100644"),
                treeEntry("1c3b5d7f9e0a2c4e6a8b0d2f4a6c8e0b2d4f6a8c", "logo.png", "blob", "helm/values/prod/logo.png",
                        "100644")) + "]";
    }

    /** {@code GET /projects/:id/repository/files/:path?ref=}. */
    static String file(String path, String ref, String blob, byte[] content) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return """
                {"file_name": "%s", "file_path": "%s", "size": %d, "encoding": "base64",
                 "content_sha256": "4c294617b60715c1d218e61164a3abd4808a4284cbc30e6728a01ad9aada4481",
                 "ref": "%s", "blob_id": "%s", "commit_id": "%s", "last_commit_id": "570e7b2abdd848b95f2f578043fc23bd6f6fd24d",
                 "execute_filemode": false, "content": "%s"}
                """.formatted(name, path, content.length, ref, blob, HEAD, Base64.getEncoder().encodeToString(content));
    }

    /** The commit {@code POST /projects/:id/repository/commits} answers. */
    static String createdCommit(String sha, String title) {
        return """
                {"id": "%s", "short_id": "%s", "title": "%s", "author_name": "carapulse-bot",
                 "author_email": "project_278964_bot@noreply.gitlab.example.com", "authored_date": "2024-05-02T10:00:00.000Z",
                 "committer_name": "carapulse-bot", "committer_email": "project_278964_bot@noreply.gitlab.example.com",
                 "committed_date": "2024-05-02T10:00:00.000Z", "created_at": "2024-05-02T10:00:00.000Z",
                 "message": "%s", "parent_ids": ["%s"],
                 "stats": {"additions": 1, "deletions": 1, "total": 2}, "status": null, "project_id": %d,
                 "web_url": "%s/-/commit/%s"}
                """.formatted(sha, sha.substring(0, 8), title, title, HEAD, PROJECT_ID, WEB, sha);
    }

    static String commitEntry(String sha, String title) {
        return """
                {"id": "%s", "short_id": "%s", "created_at": "2024-05-01T08:00:00.000+00:00", "parent_ids": [],
                 "title": "%s", "message": "%s\\n", "author_name": "Dana Ops", "author_email": "dana@example.com",
                 "authored_date": "2024-05-01T08:00:00.000+00:00", "committer_name": "Dana Ops",
                 "committer_email": "dana@example.com", "committed_date": "2024-05-01T08:00:00.000+00:00",
                 "trailers": {}, "extended_trailers": {}, "web_url": "%s/-/commit/%s"}""".formatted(sha,
                sha.substring(0, 8), title, title, WEB, sha);
    }

    /** A pipeline as it appears in a merge request's {@code head_pipeline} and in pipeline answers. */
    static String pipeline(long id, String status, String sha, String ref) {
        return """
                {"id": %d, "iid": 412, "project_id": %d, "sha": "%s", "ref": "%s", "status": "%s", "source": "push",
                 "created_at": "2024-05-02T10:01:00.000Z", "updated_at": "2024-05-02T10:09:30.000Z",
                 "web_url": "%s/-/pipelines/%d", "before_sha": "0000000000000000000000000000000000000000",
                 "tag": false, "yaml_errors": null,
                 "user": {"id": 4211, "username": "carapulse-bot", "name": "carapulse-bot", "state": "active",
                  "locked": false, "avatar_url": null, "web_url": "https://gitlab.example.com/carapulse-bot"},
                 "started_at": "2024-05-02T10:01:05.000Z", "finished_at": "2024-05-02T10:09:30.000Z",
                 "committed_at": null, "duration": 505, "queued_duration": 4.2, "coverage": null,
                 "detailed_status": {"icon": "status_%s", "text": "%s", "label": "%s", "group": "%s", "tooltip": "%s",
                  "has_details": true, "details_path": "/platform/deploy/web/-/pipelines/%d", "illustration": null,
                  "favicon": "/assets/ci_favicons/favicon_status_%s.png"}}""".formatted(id, PROJECT_ID, sha, ref, status,
                WEB, id, status, status, status, status, status, id, status);
    }

    /** {@code GET /projects/:id/merge_requests/:iid} (and what create, update and merge answer). */
    static String mergeRequest(long iid, String state, String sha, String headPipeline, String mergeCommit) {
        return """
                {"id": 93013, "iid": %d, "project_id": %d, "title": "Bump web to 1.4.3",
                 "description": "Proposed by Carapulse", "state": "%s", "created_at": "2024-05-02T10:00:05.000Z",
                 "updated_at": "2024-05-02T10:09:31.000Z", "merged_by": null, "merge_user": null, "merged_at": null,
                 "closed_by": null, "closed_at": null, "target_branch": "main", "source_branch": "carapulse/exec-1-0",
                 "user_notes_count": 0, "upvotes": 0, "downvotes": 0,
                 "author": {"id": 4211, "username": "carapulse-bot", "name": "carapulse-bot", "state": "active",
                  "locked": false, "avatar_url": null, "web_url": "https://gitlab.example.com/carapulse-bot"},
                 "assignees": [], "assignee": null, "reviewers": [], "source_project_id": %d, "target_project_id": %d,
                 "labels": [], "draft": false, "work_in_progress": false, "milestone": null,
                 "merge_when_pipeline_succeeds": false, "merge_status": "can_be_merged",
                 "detailed_merge_status": "mergeable", "sha": "%s", "merge_commit_sha": %s, "squash_commit_sha": null,
                 "discussion_locked": null, "should_remove_source_branch": null, "force_remove_source_branch": true,
                 "prepared_at": "2024-05-02T10:00:07.000Z", "reference": "!%d",
                 "references": {"short": "!%d", "relative": "!%d", "full": "platform/deploy/web!%d"},
                 "web_url": "%s/-/merge_requests/%d",
                 "time_stats": {"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": null,
                  "human_total_time_spent": null},
                 "squash": false, "squash_on_merge": false,
                 "task_completion_status": {"count": 0, "completed_count": 0}, "has_conflicts": false,
                 "blocking_discussions_resolved": true, "subscribed": false, "changes_count": "1",
                 "latest_build_started_at": null, "latest_build_finished_at": null,
                 "first_deployed_to_production_at": null, "pipeline": %s, "head_pipeline": %s,
                 "diff_refs": {"base_sha": "%s", "head_sha": "%s", "start_sha": "%s"}, "merge_error": null,
                 "first_contribution": false, "user": {"can_merge": true}}
                """.formatted(iid, PROJECT_ID, state, PROJECT_ID, PROJECT_ID, sha,
                mergeCommit == null ? "null" : "\"" + mergeCommit + "\"", iid, iid, iid, iid, WEB, iid,
                headPipeline == null ? "null" : headPipeline, headPipeline == null ? "null" : headPipeline,
                HEAD, sha, HEAD);
    }

    /** One job of {@code GET /projects/:id/pipelines/:pipeline_id/jobs}. */
    static String job(long id, String name, String stage, String status) {
        return """
                {"id": %d, "status": "%s", "stage": "%s", "name": "%s", "ref": "carapulse/exec-1-0", "tag": false,
                 "coverage": null, "allow_failure": false, "created_at": "2024-05-02T10:01:00.000Z",
                 "started_at": "2024-05-02T10:01:05.000Z", "finished_at": "2024-05-02T10:04:00.000Z",
                 "erased_at": null, "duration": 175.2, "queued_duration": 0.8,
                 "user": {"id": 4211, "username": "carapulse-bot", "name": "carapulse-bot", "state": "active"},
                 "commit": {"id": "%s", "short_id": "%s", "title": "Bump web to 1.4.3", "created_at": "2024-05-02T10:00:00.000Z",
                  "parent_ids": ["%s"], "message": "Bump web to 1.4.3", "author_name": "carapulse-bot",
                  "author_email": "bot@example.com", "authored_date": "2024-05-02T10:00:00.000Z"},
                 "pipeline": {"id": 1188, "project_id": %d, "ref": "carapulse/exec-1-0", "sha": "%s", "status": "success"},
                 "failure_reason": null, "web_url": "%s/-/jobs/%d", "project": {"ci_job_token_scope_enabled": false},
                 "artifacts": [], "runner": null, "artifacts_expire_at": null, "tag_list": ["docker"]}""".formatted(id,
                status, stage, name, MR_SHA, MR_SHA.substring(0, 8), HEAD, PROJECT_ID, MR_SHA, WEB, id);
    }

    static String note(long id, String body) {
        return """
                {"id": %d, "type": null, "body": "%s", "attachment": null,
                 "author": {"id": 4211, "username": "carapulse-bot", "name": "carapulse-bot", "state": "active"},
                 "created_at": "2024-05-02T10:12:00.000Z", "updated_at": "2024-05-02T10:12:00.000Z", "system": false,
                 "noteable_id": 93013, "noteable_type": "MergeRequest", "project_id": %d, "resolvable": false,
                 "confidential": false, "internal": false, "noteable_iid": 7, "commands_changes": {}}
                """.formatted(id, body, PROJECT_ID);
    }

    static String error(String message) {
        return "{\"message\": \"" + message + "\"}";
    }
}
