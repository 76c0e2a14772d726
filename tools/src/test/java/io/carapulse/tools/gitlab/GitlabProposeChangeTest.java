package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.COMMIT;
import static io.carapulse.tools.gitlab.GitlabShapes.HEAD;
import static io.carapulse.tools.gitlab.GitlabShapes.MOVED;
import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES_BLOB;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.git.GitBlob;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code gitlab.propose-change} on both transports against GitLab's REST answers: the diff made at plan
 * time, exactly; the step at execution (the base re-read, one commit with {@code start_sha}, the merge
 * request naming plan, requester and approver); a base that moved since approval stops it before any write
 * reaches GitLab; what a change must never touch is refused at plan time; the inverse closes the merge
 * request and deletes the branch, and can run twice.
 */
class GitlabProposeChangeTest {

    static final String EXTRA = "podAnnotations:\n  team: web\n";
    static final String ARGS = "{\"repo\": \"" + PROJECT + "\", \"base\": \"main\", \"title\": \"Bump web to 1.4.3\","
            + " \"body\": \"For INC-1234.\", \"files\": {\"" + VALUES_PATH + "\": \"" + GitlabShapes.VALUES_NEW
            .replace("\"", "\\\"").replace("\n", "\\n") + "\", \"helm/values/prod/extra.yaml\": \""
            + EXTRA.replace("\n", "\\n") + "\"}}";
    static final String BRANCH = "carapulse/exec-1-0";
    static final String DIFF = """
            diff --git a/helm/values/prod/extra.yaml b/helm/values/prod/extra.yaml
            new file mode 100644
            --- /dev/null
            +++ b/helm/values/prod/extra.yaml
            @@ -0,0 +1,2 @@
            +podAnnotations:
            +  team: web
            diff --git a/helm/values/prod/values.yaml b/helm/values/prod/values.yaml
            --- a/helm/values/prod/values.yaml
            +++ b/helm/values/prod/values.yaml
            @@ -1,4 +1,4 @@
             replicaCount: 2
             image:
               repository: registry.example.com/web
            -  tag: "1.4.2"
            +  tag: "1.4.3"
            """;

    @TempDir
    Path dir;
    GitlabHarness gitlab;

    @BeforeEach
    void start() {
        gitlab = new GitlabHarness(dir);
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    /** main at {@code sha}, values.yaml there with {@code values}, and what a successful push answers. */
    private void project(String sha, String values) {
        byte[] bytes = values.getBytes(StandardCharsets.UTF_8);
        gitlab.base(sha).prodTree(sha, GitBlob.sha1(bytes)).file(VALUES_PATH, sha, bytes).noBranch(BRANCH);
        gitlab.stubs.ok("POST", P + "/repository/commits", GitlabShapes.createdCommit(COMMIT, "Bump web to 1.4.3"));
        gitlab.stubs.ok("POST", P + "/merge_requests", GitlabShapes.mergeRequest(7, "opened", COMMIT, null, null));
    }

    private StepPreview preview(ToolAction action, ToolCall call) {
        return action.preview(call, StepContext.step()).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldPreviewTheExactDiffOfAModifiedAndANewFileAtTheBaseHead(Via via) {
        project(HEAD, VALUES);
        ToolCall call = GitlabHarness.call("propose-change", ARGS);

        StepPreview preview = preview(gitlab.action(via, "propose-change"), call);

        assertThat(preview.diff()).isEqualTo(DIFF);
        assertThat(preview.summary()).isEqualTo("2 files in " + PROJECT + " from main@6104942: +3 -1");
        assertThat(preview.basis().path("base").path("sha").asText()).isEqualTo(HEAD);
        assertThat(preview.basis().path("files").findValuesAsText("baseBlob")).contains(VALUES_BLOB);
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldPushOneCommitFromTheApprovedBaseAndOpenAMergeRequestNamingThePlan(Via via) {
        project(HEAD, VALUES);
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolAction action = gitlab.action(via, "propose-change");
        StepPreview preview = preview(action, call);

        ToolResult result = action.execute(call, StepContext.approved(preview));

        assertThat(result.externalIds()).containsEntry("gitlab.mr_iid", "7")
                .containsEntry("gitlab.mr_url", GitlabShapes.WEB + "/-/merge_requests/7")
                .containsEntry("gitlab.head_branch", BRANCH).containsEntry("gitlab.commit_sha", COMMIT)
                .containsEntry("gitlab.base_sha", HEAD).containsEntry("diff.sha256", preview.diffSha256());
        assertThat(gitlab.writes(via)).hasSize(2);
        JsonNode commit = via == Via.SDK ? json(gitlab.stubs.requests("POST").get(0).getBodyAsString())
                : gitlab.fake().bodies().get(0);
        assertThat(commit.path("branch").asText()).isEqualTo(BRANCH);
        assertThat(commit.path("start_sha").asText()).isEqualTo(HEAD);
        assertThat(commit.path("commit_message").asText()).startsWith("Bump web to 1.4.3\n\nCarapulse plan plan-42");
        assertThat(commit.path("actions")).hasSize(2);
        assertThat(commit.path("actions").get(0).path("action").asText()).isEqualTo("create");
        assertThat(commit.path("actions").get(0).path("file_path").asText()).isEqualTo("helm/values/prod/extra.yaml");
        assertThat(commit.path("actions").get(0).path("content").asText()).isEqualTo(EXTRA);
        assertThat(commit.path("actions").get(1).path("action").asText()).isEqualTo("update");
        assertThat(commit.path("actions").get(1).path("content").asText()).isEqualTo(GitlabShapes.VALUES_NEW);
        String description = via == Via.SDK ? form(gitlab.stubs.requests("POST").get(1).getBodyAsString(), "description")
                : gitlab.fake().bodies().get(1).path("description").asText();
        assertThat(description).contains("For INC-1234.").contains("plan `plan-42`").contains("Requested by: oidc:dana")
                .contains("Approved by: oidc:sam")
                .contains("Plan and approval: https://carapulse.example.com/console/plans/plan-42")
                .contains(preview.diffSha256());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseWithPreconditionFailedAndWriteNothingWhenABaseFileMovedSinceApproval(Via via) {
        project(HEAD, VALUES);
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolAction action = gitlab.action(via, "propose-change");
        StepPreview preview = preview(action, call);
        project(MOVED, VALUES.replace("replicaCount: 2", "replicaCount: 5")); // someone pushed to main since
        gitlab.sync();

        assertThatThrownBy(() -> action.execute(call, StepContext.approved(preview)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.PRECONDITION_FAILED);
                    assertThat(e.getMessage()).contains("'" + VALUES_PATH + "' changed on main").contains("nothing was pushed");
                });
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseWithoutAnApprovedDiffBeforeAnyWrite(Via via) {
        project(HEAD, VALUES);

        assertThatThrownBy(() -> gitlab.action(via, "propose-change").execute(GitlabHarness.call("propose-change", ARGS),
                StepContext.step())).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.PRECONDITION_FAILED));
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseABranchThatAlreadyExistsAsAConflictAndDoNothingElse(Via via) {
        project(HEAD, VALUES);
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolAction action = gitlab.action(via, "propose-change");
        StepPreview preview = preview(action, call);
        gitlab.stubs.ok("GET", P + "/repository/branches/carapulse%2Fexec%2D1%2D0", GitlabShapes.branch(BRANCH, COMMIT));
        gitlab.sync();

        assertThatThrownBy(() -> action.execute(call, StepContext.approved(preview)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.CONFLICT);
                    assertThat(e.getMessage()).contains("'" + BRANCH + "' already exists");
                });
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldMapABranchCreatedMeanwhileToAConflict(Via via) {
        project(HEAD, VALUES);
        gitlab.stubs.on("POST", P + "/repository/commits", Map.of(), 400, Map.of(),
                GitlabShapes.error("A branch called 'carapulse/exec-1-0' already exists. Switch to that branch in order "
                        + "to make changes"));
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolAction action = gitlab.action(via, "propose-change");

        assertThatThrownBy(() -> action.execute(call, StepContext.approved(preview(action, call))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.failure()).isEqualTo(ToolFailure.CONFLICT));
        assertThat(gitlab.writes(via)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldDeleteTheBranchAgainWhenTheMergeRequestCannotBeOpened(Via via) {
        project(HEAD, VALUES);
        gitlab.stubs.on("POST", P + "/merge_requests", Map.of(), 422, Map.of(),
                "{\"message\": [\"Another open merge request already exists for this source branch: !6\"]}");
        gitlab.stubs.on("DELETE", P + "/repository/branches/carapulse%2Fexec%2D1%2D0", Map.of(), 204, Map.of(), "");
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolAction action = gitlab.action(via, "propose-change");

        assertThatThrownBy(() -> action.execute(call, StepContext.approved(preview(action, call))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.CONFLICT);
                    assertThat(e.getMessage()).contains("the branch '" + BRANCH + "' was deleted again");
                });
        assertThat(gitlab.writes(via)).hasSize(3).last().asString().startsWith("DELETE ");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseSymlinksSubmodulesDirectoriesBinaryAndTooLargeBaseFilesAtPlanTime(Via via) {
        project(HEAD, VALUES);
        byte[] big = new byte[2048];
        java.util.Arrays.fill(big, (byte) 'a');
        gitlab.file("helm/values/prod/big.yaml", HEAD, big).file("helm/values/prod/logo.png", HEAD,
                new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        ToolAction action = gitlab.action(via, "propose-change");
        Map<String, String> refused = Map.of(
                "link.yaml", "is a symbolic link at the base",
                "vendor", "is a submodule at the base",
                "overrides", "is a directory at the base",
                "big.yaml", "is 2048 bytes at the base, more than the limit of 1024",
                "logo.png", "is a binary file at the base");
        refused.forEach((name, why) -> assertThatThrownBy(() -> action.preview(GitlabHarness.call("propose-change",
                "{\"repo\": \"" + PROJECT + "\", \"base\": \"main\", \"title\": \"t\", \"files\": {\"helm/values/prod/"
                        + name + "\": \"x: 1\\n\"}}"), StepContext.step()))
                .as(name).isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
                    assertThat(e.getMessage()).contains(why);
                }));
        if (via == Via.SDK) {
            assertThat(gitlab.stubs.requests("GET")).noneMatch(r -> r.getUrl().contains("big%2Eyaml"));
        } else {
            assertThat(gitlab.fake().calls()).noneMatch(c -> c.args().contains("GET")
                    && c.args().get(c.args().size() - 1).contains("big%2Eyaml"));
        }
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @Test
    void shouldRefuseTraversalAbsoluteAndOutsideThePathsAtPlanTime() {
        ToolAction action = gitlab.action(Via.SDK, "propose-change");
        for (String path : new String[]{"helm/values/prod/../../../etc/passwd", "/etc/passwd", ".git/config"}) {
            ToolCall call = GitlabHarness.call("propose-change", "{\"repo\": \"" + PROJECT + "\", \"base\": \"main\","
                    + " \"title\": \"t\", \"files\": {\"" + path + "\": \"x\\n\"}}");
            assertThat(action.argumentProblems(call)).as(path).singleElement().asString().startsWith("files: path");
        }
        ToolCall outside = GitlabHarness.call("propose-change", "{\"repo\": \"" + PROJECT + "\", \"base\": \"main\","
                + " \"title\": \"t\", \"files\": {\"helm/values/staging/values.yaml\": \"x\\n\"}}");
        assertThat(action.argumentProblems(outside)).isEmpty();
        assertThat(action.targetProblems(outside)).singleElement().asString()
                .contains("'helm/values/staging/values.yaml' is outside the paths changes may write");
        assertThatThrownBy(() -> action.preview(outside, StepContext.step()))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.failure())
                        .isEqualTo(ToolFailure.TARGET_NOT_ALLOWED));
        assertThat(gitlab.stubs.all()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldCaptureAnInverseThatClosesTheMergeRequestAndDeletesTheBranchAndIsSafeTwice(Via via) {
        ToolCall call = GitlabHarness.call("propose-change", ARGS);
        ToolCall inverse = gitlab.action(via, "propose-change")
                .captureInverse(call, StepContext.step().stage(ToolCallOrigin.INVERSE)).orElseThrow();
        assertThat(inverse.action()).isEqualTo("pr-close");
        assertThat(inverse.args().toString()).isEqualTo("{\"repo\":\"" + PROJECT + "\",\"head\":\"" + BRANCH
                + "\",\"deleteBranch\":true}");

        gitlab.stubs.on("GET", P + "/merge_requests", Map.of("source_branch", BRANCH, "state", "opened"), 200, Map.of(),
                "[" + GitlabShapes.mergeRequest(7, "opened", COMMIT, null, null) + "]");
        gitlab.stubs.ok("PUT", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "closed", COMMIT, null, null));
        gitlab.stubs.on("DELETE", P + "/repository/branches/carapulse%2Fexec%2D1%2D0", Map.of(), 204, Map.of(), "");
        ToolAction close = gitlab.action(via, "pr-close");
        ToolResult first = close.execute(inverse, StepContext.step());
        assertThat(first.data().path("closed").findValuesAsText("number")).containsExactly("7");
        assertThat(first.data().path("branch_deleted").asBoolean()).isTrue();
        assertThat(gitlab.writes(via)).containsExactly("PUT " + path(via, P + "/merge_requests/7"),
                "DELETE " + path(via, P + "/repository/branches/carapulse%2Fexec%2D1%2D0"));

        // run again: nothing open any more, the branch is gone
        gitlab.stubs.on("GET", P + "/merge_requests", Map.of("source_branch", BRANCH, "state", "opened"), 200, Map.of(),
                "[]");
        gitlab.stubs.on("DELETE", P + "/repository/branches/carapulse%2Fexec%2D1%2D0", Map.of(), 404, Map.of(),
                GitlabShapes.error("404 Branch Not Found"));
        gitlab.sync();
        ToolResult second = close.execute(inverse, StepContext.step());
        assertThat(second.data().path("closed")).isEmpty();
        assertThat(second.data().path("branch_was_gone").asBoolean()).isTrue();
    }

    private String path(Via via, String path) {
        return via == Via.SDK ? "/api/v4/" + path : path;
    }

    private static JsonNode json(String text) {
        try {
            return GitlabHarness.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String form(String body, String name) {
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + body);
    }
}
