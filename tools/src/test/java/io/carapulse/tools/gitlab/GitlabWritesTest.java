package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.MERGE_COMMIT;
import static io.carapulse.tools.gitlab.GitlabShapes.MR_SHA;
import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writes besides {@code propose-change}, on both transports against GitLab's REST answers: a comment,
 * a merge (only once the head pipeline and the required jobs passed, naming the checked head SHA; GitLab's
 * refusals as conflicts), a pipeline run with variables, and closing by number.
 */
class GitlabWritesTest {

    static final String R = "{\"repo\": \"" + PROJECT + "\"";

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

    private ToolResult run(Via via, String action, String args) {
        return gitlab.action(via, action).execute(GitlabHarness.call(action, args), StepContext.step());
    }

    private void mergeable(String pipelineStatus, String deployCheck) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", MR_SHA,
                GitlabShapes.pipeline(1188, pipelineStatus, MR_SHA, "carapulse/exec-1-0"), null));
        gitlab.stubs.on("GET", P + "/pipelines/1188/jobs", Map.of(), 200, Map.of(), "[" + GitlabShapes.job(5001, "unit",
                "test", "success") + ", " + GitlabShapes.job(5002, "deploy-check", "verify", deployCheck) + "]");
    }

    private JsonNode body(Via via, int write) {
        try {
            return via == Via.SDK ? GitlabHarness.JSON.readTree(gitlab.stubs.writes().get(write).getBodyAsString())
                    : gitlab.fake().bodies().get(write);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldCommentOnAMergeRequest(Via via) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", MR_SHA, null, null));
        gitlab.stubs.ok("POST", P + "/merge_requests/7/notes", GitlabShapes.note(301, "Deployed to prod"));

        ToolResult result = run(via, "pr-comment", R + ", \"number\": 7, \"body\": \"Deployed to prod\"}");

        assertThat(result.externalIds()).containsEntry("gitlab.note_id", "301")
                .containsEntry("gitlab.note_url", GitlabShapes.WEB + "/-/merge_requests/7#note_301");
        if (via == Via.SDK) {
            assertThat(gitlab.stubs.writes().get(0).getBodyAsString()).contains("body=Deployed+to+prod");
        } else {
            assertThat(body(via, 0).path("body").asText()).isEqualTo("Deployed to prod");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldMergeWithTheInventorysMethodNamingTheCheckedHeadOnceChecksPassed(Via via) {
        mergeable("success", "success");
        gitlab.stubs.ok("PUT", P + "/merge_requests/7/merge", GitlabShapes.mergeRequest(7, "merged", MR_SHA,
                GitlabShapes.pipeline(1188, "success", MR_SHA, "carapulse/exec-1-0"), MERGE_COMMIT));

        ToolResult result = run(via, "pr-merge", R + ", \"number\": 7}");

        assertThat(result.externalIds()).containsEntry("gitlab.merge_commit_sha", MERGE_COMMIT)
                .containsEntry("gitlab.merge_method", "squash").containsEntry("gitlab.mr_iid", "7");
        if (via == Via.SDK) {
            assertThat(gitlab.stubs.writes().get(0).getBodyAsString()).contains("sha=" + MR_SHA).contains("squash=true");
        } else {
            assertThat(body(via, 0).toString()).isEqualTo("{\"sha\":\"" + MR_SHA + "\",\"squash\":true}");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseToMergeBeforeTheRequiredChecksPassedAndMergeNothing(Via via) {
        mergeable("success", "failed");
        assertThatThrownBy(() -> run(via, "pr-merge", R + ", \"number\": 7, \"method\": \"merge\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.PRECONDITION_FAILED);
                    assertThat(e.getMessage()).contains("required check 'deploy-check' is [failed], not success");
                });
        mergeable("running", "success");
        assertThatThrownBy(() -> run(via, "pr-merge", R + ", \"number\": 7}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.PRECONDITION_FAILED);
                    assertThat(e.getMessage()).contains("pipeline 1188 is running, not success");
                });
        assertThat(gitlab.writes(via)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldReadGitlabsRefusalsToMergeAsConflicts(Via via) {
        mergeable("success", "success");
        for (int status : new int[]{405, 406, 409, 422}) {
            gitlab.stubs.on("PUT", P + "/merge_requests/7/merge", Map.of(), status, Map.of(), GitlabShapes.error(
                    status == 409 ? "SHA does not match HEAD of source branch: 1111111111111111111111111111111111111111"
                            : status + " Method Not Allowed"));
            assertThatThrownBy(() -> run(via, "pr-merge", R + ", \"number\": 7}")).as("HTTP " + status)
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.failure()).isEqualTo(ToolFailure.CONFLICT));
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldStartAPipelineOnAnAllowedRefWithVariables(Via via) {
        gitlab.stubs.ok("POST", P + "/pipeline", GitlabShapes.pipeline(1201, "created", MR_SHA, "deploy"));

        ToolResult result = run(via, "pipeline-run", R + ", \"ref\": \"deploy\", \"variables\": {\"DEPLOY_ENV\": "
                + "\"prod\", \"VERSION\": \"1.4.3\"}}");

        assertThat(result.externalIds()).containsEntry("gitlab.pipeline_id", "1201")
                .containsEntry("gitlab.pipeline_url", GitlabShapes.WEB + "/-/pipelines/1201")
                .containsEntry("gitlab.pipeline_sha", MR_SHA);
        JsonNode body = body(via, 0);
        assertThat(body.path("ref").asText()).isEqualTo("deploy");
        assertThat(body.path("variables").findValuesAsText("key")).containsExactly("DEPLOY_ENV", "VERSION");
        assertThat(body.path("variables").findValuesAsText("value")).containsExactly("prod", "1.4.3");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldLeaveAMergedMergeRequestAsItIsAndDeleteItsBranch(Via via) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "merged", MR_SHA, null,
                MERGE_COMMIT));
        gitlab.stubs.on("DELETE", P + "/repository/branches/carapulse%2Fexec%2D1%2D0", Map.of(), 204, Map.of(), "");

        ToolResult result = run(via, "pr-close", R + ", \"number\": 7, \"deleteBranch\": true}");

        assertThat(result.data().path("already_closed").findValuesAsText("number")).containsExactly("7");
        assertThat(result.data().path("branch_deleted").asBoolean()).isTrue();
        assertThat(gitlab.writes(via)).singleElement().asString().startsWith("DELETE ");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldNeverDeleteABaseBranchAndCloseNothingThen(Via via) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", MR_SHA, null, null)
                .replace("\"source_branch\": \"carapulse/exec-1-0\"", "\"source_branch\": \"main\""));
        gitlab.stubs.ok("PUT", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "closed", MR_SHA, null, null));

        assertThatThrownBy(() -> run(via, "pr-close", R + ", \"number\": 7, \"deleteBranch\": true}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.TARGET_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("'main' is a base branch");
                });
        assertThat(gitlab.writes(via)).isEmpty();
    }
}
