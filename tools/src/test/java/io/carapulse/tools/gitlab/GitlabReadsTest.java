package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.HEAD;
import static io.carapulse.tools.gitlab.GitlabShapes.MR_SHA;
import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reads on both transports against GitLab's REST answers: a merge request, a list of them, its head
 * pipeline's checks, a file (size-capped, text only) and commits (a branch's, or a comparison).
 */
class GitlabReadsTest {

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

    private void mergeRequest(String pipelineStatus, String... jobs) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", MR_SHA,
                pipelineStatus == null ? null : GitlabShapes.pipeline(1188, pipelineStatus, MR_SHA, "carapulse/exec-1-0"),
                null));
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < jobs.length; i += 2) {
            list.append(i == 0 ? "" : ", ").append(GitlabShapes.job(5000 + i, jobs[i], "verify", jobs[i + 1]));
        }
        gitlab.stubs.on("GET", P + "/pipelines/1188/jobs", Map.of(), 200, Map.of(), list.append("]").toString());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldShowAMergeRequest(Via via) {
        mergeRequest("running");

        ToolResult result = run(via, "pr-get", R + ", \"number\": 7}");

        assertThat(result.data().path("number").asLong()).isEqualTo(7);
        assertThat(result.data().path("state").asText()).isEqualTo("opened");
        assertThat(result.data().path("source_branch").asText()).isEqualTo("carapulse/exec-1-0");
        assertThat(result.data().path("merge_status").asText()).isEqualTo("mergeable");
        assertThat(result.data().path("head_pipeline").path("status").asText()).isEqualTo("running");
        assertThat(result.externalIds()).containsEntry("gitlab.mr_iid", "7").containsEntry("gitlab.head_sha", MR_SHA)
                .containsEntry("gitlab.project", PROJECT).containsEntry("gitlab.host", "gitlab.example.com");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldListOpenMergeRequestsIntoABase(Via via) {
        gitlab.stubs.on("GET", P + "/merge_requests", Map.of("state", "opened", "target_branch", "main",
                "per_page", "10"), 200, Map.of(), "[" + GitlabShapes.mergeRequest(8, "opened", MR_SHA, null, null) + ", "
                + GitlabShapes.mergeRequest(7, "opened", MR_SHA, null, null) + "]");

        ToolResult result = run(via, "pr-list", R + ", \"state\": \"open\", \"base\": \"main\", \"limit\": 10}");

        assertThat(result.data().path("merge_requests").findValuesAsText("number")).containsExactly("8", "7");
        if (via == Via.CLI) {
            assertThat(gitlab.fake().calls().get(0).args()).containsExactly("api", "-R", PROJECT, "--method", "GET",
                    "--include", P + "/merge_requests?state=opened&target_branch=main&order_by=created%5Fat&sort=desc"
                            + "&per_page=10&page=1");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldPassChecksOnlyWhenTheHeadPipelineAndEveryRequiredJobSucceeded(Via via) {
        mergeRequest("success", "unit", "success", "deploy-check", "success");
        ToolResult passed = run(via, "pr-checks", R + ", \"number\": 7}");
        assertThat(passed.data().path("passed").asBoolean()).isTrue();
        assertThat(passed.data().path("jobs").findValuesAsText("name")).containsExactly("unit", "deploy-check");
        assertThat(passed.externalIds()).containsEntry("gitlab.pipeline_id", "1188");

        mergeRequest("success", "unit", "success", "deploy-check", "failed");
        ToolResult failed = run(via, "pr-checks", R + ", \"number\": 7}");
        assertThat(failed.data().path("passed").asBoolean()).isFalse();
        assertThat(failed.data().path("reasons").get(0).asText()).isEqualTo("required check 'deploy-check' is [failed], "
                + "not success");

        mergeRequest(null);
        ToolResult none = run(via, "pr-checks", R + ", \"number\": 7}");
        assertThat(none.data().path("passed").asBoolean()).isFalse();
        assertThat(none.data().path("summary").asText()).isEqualTo("no pipeline ran on the merge request's head");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldReadATextFileAtTheFirstBaseByDefault(Via via) {
        gitlab.file(VALUES_PATH, "main", VALUES.getBytes(StandardCharsets.UTF_8));

        ToolResult result = run(via, "file-get", R + ", \"path\": \"" + VALUES_PATH + "\"}");

        assertThat(result.data().path("content").asText()).isEqualTo(VALUES);
        assertThat(result.data().path("ref").asText()).isEqualTo("main");
        assertThat(result.externalIds()).containsEntry("gitlab.blob_id", GitlabShapes.VALUES_BLOB)
                .containsEntry("gitlab.commit_sha", HEAD);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldRefuseAFileOverTheLimitWithoutDownloadingItABinaryFileAndAMissingOne(Via via) {
        byte[] big = new byte[4096];
        java.util.Arrays.fill(big, (byte) 'a');
        gitlab.file("big.yaml", "main", big).file("logo.png", "main", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1});
        gitlab.stubs.on("HEAD", P + "/repository/files/none%2Eyaml", Map.of(), 404, Map.of(), "");

        assertThatThrownBy(() -> run(via, "file-get", R + ", \"path\": \"big.yaml\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
                    assertThat(e.getMessage()).contains("is 4096 bytes at main, more than the limit of 1024 bytes");
                });
        assertThatThrownBy(() -> run(via, "file-get", R + ", \"path\": \"logo.png\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.getMessage()).contains("is a binary file"));
        assertThatThrownBy(() -> run(via, "file-get", R + ", \"path\": \"none.yaml\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.failure()).isEqualTo(ToolFailure.NOT_FOUND));
        if (via == Via.SDK) {
            assertThat(gitlab.stubs.requests("GET")).noneMatch(r -> r.getUrl().contains("big%2Eyaml"));
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldListABranchsCommitsAndCompareTwoRefs(Via via) {
        gitlab.stubs.on("GET", P + "/repository/commits", Map.of("ref_name", "main", "per_page", "2"), 200, Map.of(),
                "[" + GitlabShapes.commitEntry(HEAD, "Bump web to 1.4.2") + ", "
                        + GitlabShapes.commitEntry(GitlabShapes.MOVED, "Scale web") + "]");
        gitlab.stubs.on("GET", P + "/repository/compare", Map.of("from", "main", "to", "release"), 200, Map.of(),
                "{\"commit\": " + GitlabShapes.commitEntry(MR_SHA, "Release") + ", \"commits\": ["
                        + GitlabShapes.commitEntry(MR_SHA, "Release") + "], \"diffs\": [{\"old_path\": \"a.yaml\","
                        + " \"new_path\": \"a.yaml\", \"a_mode\": \"100644\", \"b_mode\": \"100644\", \"diff\": \"@@ -1 +1 @@\\n-a\\n+b\\n\","
                        + " \"new_file\": false, \"renamed_file\": false, \"deleted_file\": false}],"
                        + " \"compare_timeout\": false, \"compare_same_ref\": false, \"web_url\": \"" + GitlabShapes.WEB
                        + "/-/compare/main...release\"}");

        ToolResult log = run(via, "commits", R + ", \"ref\": \"main\", \"limit\": 2}");
        assertThat(log.data().path("commits").findValuesAsText("title")).containsExactly("Bump web to 1.4.2", "Scale web");
        assertThat(log.externalIds()).containsEntry("gitlab.commit_sha", HEAD);

        ToolResult compare = run(via, "commits", R + ", \"base\": \"main\", \"head\": \"release\"}");
        assertThat(compare.data().path("commits").findValuesAsText("id")).containsExactly(MR_SHA);
        assertThat(compare.data().path("files").get(0).path("new_path").asText()).isEqualTo("a.yaml");
    }
}
