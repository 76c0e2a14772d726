package io.carapulse.tools.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.carapulse.tools.github.GitHubStubs.BASE_SHA;
import static io.carapulse.tools.github.GitHubStubs.BASE_TREE;
import static io.carapulse.tools.github.GitHubStubs.HEAD_SHA;
import static io.carapulse.tools.github.GitHubStubs.MERGE_SHA;
import static io.carapulse.tools.github.GitHubStubs.NEW_COMMIT;
import static io.carapulse.tools.github.GitHubStubs.NEW_TREE;
import static io.carapulse.tools.github.GitHubStubs.error;
import static io.carapulse.tools.github.GitHubStubs.json;
import static io.carapulse.tools.github.GitHubStubs.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.git.GitBlob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The github actions against the local GitHub ({@link GitHubStubs}), once through each transport: the
 * same stubs answer GitHub API for Java ({@link GitHubSdkFlowsTest}) and the real {@code gh}
 * ({@link GitHubGhFlowsTest}), so both paths are held to the same requests, bodies, results and failures.
 */
abstract class GitHubFlowsContract {

    static final String WEB = "helm/values/prod/web.yaml";
    static final String API = "helm/values/prod/api.yaml";
    static final String WEB_BEFORE = "replicas: 2\nimage: web:1.4.0\n";
    static final String WEB_AFTER = "replicas: 3\nimage: web:1.5.0\n";
    static final String API_NEW = "replicas: 2\n";
    static final String BRANCH = "carapulse/exec-7-1";
    static final String PROPOSE = "{\"repo\": \"acme/web\", \"base\": \"main\", \"title\": \"Roll web to 1.5.0\","
            + " \"body\": \"Scale up for the launch.\", \"files\": {\"" + WEB + "\": \"replicas: 3\\nimage: web:1.5.0\\n\","
            + " \"" + API + "\": \"replicas: 2\\n\"}}";
    /** The unified diff of PROPOSE against the base, in git's format. */
    static final String DIFF = """
            diff --git a/helm/values/prod/api.yaml b/helm/values/prod/api.yaml
            new file mode 100644
            --- /dev/null
            +++ b/helm/values/prod/api.yaml
            @@ -0,0 +1,1 @@
            +replicas: 2
            diff --git a/helm/values/prod/web.yaml b/helm/values/prod/web.yaml
            --- a/helm/values/prod/web.yaml
            +++ b/helm/values/prod/web.yaml
            @@ -1,2 +1,2 @@
            -replicas: 2
            -image: web:1.4.0
            +replicas: 3
            +image: web:1.5.0
            """;

    protected abstract GitHubStubs stubs();

    protected abstract GitHubAdapter adapter();

    protected abstract Transport transport();

    @BeforeEach
    void freshGitHub() {
        stubs().reset();
        stubs().repo();
    }

    ToolResult run(String action, String args, ToolContext context) {
        return GitHubWorld.action(adapter(), action).execute(GitHubWorld.call(action, args), context);
    }

    ToolResult run(String action, String args) {
        return run(action, args, GitHubWorld.context());
    }

    static ToolFailure failureOf(Throwable t) {
        return t instanceof ToolException te ? te.failure() : t instanceof RetriableToolException r ? r.failure() : null;
    }

    // ---- reads

    @Test
    void prGetShouldReadThePullRequest() {
        stubs().getPull(stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), true, "clean", false));
        ToolResult r = run("pr-get", "{\"repo\": \"acme/web\", \"number\": 7}");
        assertThat(r.transport()).isEqualTo(transport());
        assertThat(r.output()).isEqualTo("#7 open: Bump web to 1.5.0 (feature/x -> main) https://github.com/acme/web/pull/7");
        assertThat(r.data().path("mergeable").booleanValue()).isTrue();
        assertThat(r.data().path("head_sha").asText()).isEqualTo(HEAD_SHA);
        assertThat(r.data().path("mergeable_state").asText()).isEqualTo("clean");
        assertThat(r.externalIds()).containsEntry("github.pr_number", "7").containsEntry("github.repository", "acme/web");
    }

    @Test
    void prListShouldListTheOpenPullRequestsIntoABase() {
        stubs().stub(GitHubStubs.getTo("/pulls").withQueryParam("state", equalTo("open"))
                .withQueryParam("base", equalTo("main")).willReturn(json(200, GitHubStubs.array()
                        .add(stubs().pull(8, "open", "feature/y", HEAD_SHA, "main"))
                        .add(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main")))));
        ToolResult r = run("pr-list", "{\"repo\": \"acme/web\", \"base\": \"main\", \"limit\": 5}");
        assertThat(r.data().path("pulls").findValuesAsText("number")).containsExactly("8", "7");
        assertThat(r.output()).startsWith("#8 open: Bump web to 1.5.0 (feature/y -> main)");
    }

    @Test
    void prChecksShouldJudgeEveryCheckRunAndStatusOfTheHead() {
        stubs().getPull(stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), true, "unstable", false));
        stubs().checkRuns(HEAD_SHA, "build:completed:success", "lint:completed:failure", "e2e:in_progress:null");
        stubs().statuses(HEAD_SHA, "ci/jenkins:success", "ci/jenkins:pending");
        ToolResult r = run("pr-checks", "{\"repo\": \"acme/web\", \"number\": 7}");
        assertThat(r.data().path("state").asText()).isEqualTo("failure");
        assertThat(r.data().path("failed").toString()).isEqualTo("[\"lint\"]");
        assertThat(r.data().path("pending").toString()).isEqualTo("[\"e2e\"]");
        assertThat(r.data().path("checks").findValuesAsText("name")).containsExactly("build", "lint", "e2e", "ci/jenkins");
        assertThat(r.output()).startsWith("#7 head " + HEAD_SHA + ": failure (failed: lint; not finished: e2e)");
    }

    @Test
    void fileGetShouldReadATextFileAndRefuseWhatIsNone() {
        stubs().file(WEB, "main", WEB_BEFORE);
        ToolResult r = run("file-get", "{\"repo\": \"acme/web\", \"path\": \"" + WEB + "\", \"ref\": \"main\"}");
        assertThat(r.output()).isEqualTo(WEB_BEFORE);
        assertThat(r.data().path("sha").asText()).isEqualTo(GitBlob.sha1(WEB_BEFORE.getBytes(StandardCharsets.UTF_8)));

        stubs().file("bin/tool", "main", "ELF\u0000\u0001");
        stubs().directory("helm", "main");
        stubs().bigFile("big.yaml", "main", 5000);
        for (String[] refused : List.of(new String[] {"bin/tool", "is binary"}, new String[] {"helm", "is a directory"},
                new String[] {"big.yaml", "is 5000 bytes, more than the limit of 4096"})) {
            Throwable t = catchThrowable(() -> run("file-get", "{\"repo\": \"acme/web\", \"path\": \"" + refused[0]
                    + "\", \"ref\": \"main\"}"));
            assertThat(failureOf(t)).as(refused[0]).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
            assertThat(t).hasMessageContaining(refused[1]);
        }
    }

    @Test
    void commitsShouldCompareTwoRefsNewestFirst() {
        ObjectNode compare = object().put("url", stubs().url("/repos/acme/web/compare/main...feature/x"))
                .put("html_url", "https://github.com/acme/web/compare/main...feature/x").put("status", "ahead")
                .put("ahead_by", 2).put("behind_by", 0).put("total_commits", 2);
        for (String sha : List.of("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678")) {
            ObjectNode c = compare.withArray("commits").addObject().put("sha", sha)
                    .put("url", stubs().url("/repos/acme/web/commits/" + sha))
                    .put("html_url", "https://github.com/acme/web/commit/" + sha);
            c.putObject("commit").put("message", "change " + sha.charAt(0) + "\n\ndetails")
                    .set("author", object().put("name", "Mona").put("email", "m@example.com")
                            .put("date", "2024-05-02T10:00:00Z"));
            ((ObjectNode) c.get("commit")).set("tree", object().put("sha", BASE_TREE));
            c.putArray("parents");
        }
        compare.putArray("files");
        for (String field : List.of("base_commit", "merge_base_commit")) {
            ObjectNode c = compare.putObject(field).put("sha", BASE_SHA).put("url", stubs().url("/repos/acme/web/commits/"
                    + BASE_SHA)).put("html_url", "https://github.com/acme/web/commit/" + BASE_SHA);
            c.putObject("commit").put("message", "Bump web to 1.4.0").set("tree", object().put("sha", BASE_TREE));
            c.putArray("parents");
        }
        stubs().stub(GitHubStubs.getTo("/compare/main...feature/x").willReturn(json(200, compare)));
        ToolResult r = run("commits", "{\"repo\": \"acme/web\", \"base\": \"main\", \"head\": \"feature/x\"}");
        assertThat(r.data().path("ahead_by").asInt()).isEqualTo(2);
        assertThat(r.data().path("commits").findValuesAsText("sha")).containsExactly(
                "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        assertThat(r.output()).isEqualTo("feature/x is 2 ahead of and 0 behind main (ahead)\n"
                + "b1b2c3d4e5f6 change b\na1b2c3d4e5f6 change a");
    }

    // ---- propose-change

    void base() {
        stubs().branch("main", BASE_SHA, BASE_TREE);
        stubs().file(WEB, BASE_SHA, WEB_BEFORE);
        stubs().absent(API, BASE_SHA);
    }

    StepPreview preview() {
        return GitHubWorld.action(adapter(), "propose-change").preview(GitHubWorld.call("propose-change", PROPOSE),
                GitHubWorld.context()).orElseThrow();
    }

    @Test
    void proposeChangeShouldPreviewTheExactDiffOfAModifiedAndANewFile() {
        base();
        StepPreview preview = preview();
        assertThat(preview.diff()).isEqualTo(DIFF);
        assertThat(preview.summary()).isEqualTo("2 files in acme/web from main@6dcb09b: +3 -2");
        assertThat(preview.basis().path("base").path("sha").asText()).isEqualTo(BASE_SHA);
        assertThat(stubs().writes()).as("a preview only reads").isEmpty();
    }

    @Test
    void proposeChangeShouldPushOneCommitKeepingTheFileModeAndOpenThePullRequest() {
        base();
        StepPreview preview = preview();
        stubs().reset();
        stubs().repo();
        base();
        stubs().noBranch(BRANCH);
        stubs().commit(BASE_SHA, BASE_TREE);
        stubs().tree(BASE_TREE, "helm:040000:tree:1111111111111111111111111111111111111111", "README.md:100644:blob:"
                + "2222222222222222222222222222222222222222");
        stubs().tree("1111111111111111111111111111111111111111", "values:040000:tree:3333333333333333333333333333333333333333");
        stubs().tree("3333333333333333333333333333333333333333", "prod:040000:tree:4444444444444444444444444444444444444444");
        stubs().tree("4444444444444444444444444444444444444444", "web.yaml:100755:blob:"
                + GitBlob.sha1(WEB_BEFORE.getBytes(StandardCharsets.UTF_8)));
        stubs().createBlob(WEB_AFTER);
        stubs().createBlob(API_NEW);
        stubs().createTree();
        stubs().createCommit();
        stubs().createRef(BRANCH);
        stubs().stub(GitHubStubs.postTo("/pulls").willReturn(json(201, stubs().full(stubs().pull(9, "open", BRANCH,
                NEW_COMMIT, "main"), null, "unknown", false))));

        ToolResult r = run("propose-change", PROPOSE, GitHubWorld.context().setPreview(preview));

        assertThat(r.externalIds()).containsEntry("github.pr_url", "https://github.com/acme/web/pull/9")
                .containsEntry("github.pr_number", "9").containsEntry("github.head_branch", BRANCH)
                .containsEntry("github.commit_sha", NEW_COMMIT).containsEntry("github.base_sha", BASE_SHA)
                .containsEntry("diff.sha256", preview.diffSha256());
        ObjectNode tree = stubs().body("POST", "/git/trees");
        assertThat(tree.path("base_tree").asText()).isEqualTo(BASE_TREE);
        assertThat(tree.path("tree").toString()).isEqualTo("[{\"path\":\"" + API + "\",\"mode\":\"100644\",\"type\":"
                + "\"blob\",\"sha\":\"" + GitBlob.sha1(API_NEW.getBytes(StandardCharsets.UTF_8)) + "\"},{\"path\":\""
                + WEB + "\",\"mode\":\"100755\",\"type\":\"blob\",\"sha\":\""
                + GitBlob.sha1(WEB_AFTER.getBytes(StandardCharsets.UTF_8)) + "\"}]");
        ObjectNode commit = stubs().body("POST", "/git/commits");
        assertThat(commit.path("tree").asText()).isEqualTo(NEW_TREE);
        assertThat(commit.path("parents").toString()).isEqualTo("[\"" + BASE_SHA + "\"]");
        assertThat(commit.path("message").asText()).startsWith("Roll web to 1.5.0\n\nProposed by Carapulse for plan plan-42");
        assertThat(stubs().body("POST", "/git/refs").toString()).isEqualTo("{\"ref\":\"refs/heads/" + BRANCH
                + "\",\"sha\":\"" + NEW_COMMIT + "\"}");
        ObjectNode pull = stubs().body("POST", "/pulls");
        assertThat(pull.path("head").asText()).isEqualTo(BRANCH);
        assertThat(pull.path("base").asText()).isEqualTo("main");
        assertThat(pull.path("title").asText()).isEqualTo("Roll web to 1.5.0");
        assertThat(pull.path("body").asText()).isEqualTo("Scale up for the launch.\n\n---\nProposed by Carapulse for "
                + "plan plan-42 (step 1, execution exec-7), requested by oidc:alice, approved by oidc:bob.\n\n"
                + "Plan: https://carapulse.example.com/console/plans/plan-42\n\nApproved diff sha256: "
                + preview.diffSha256());
        List<String> blobs = stubs().requests().stream().filter(q -> q.getUrl().endsWith("/git/blobs"))
                .map(q -> q.getBodyAsString()).toList();
        assertThat(blobs).hasSize(2).allMatch(b -> b.contains("\"encoding\":\"base64\""));
    }

    @Test
    void proposeChangeShouldRefuseWhenABaseFileMovedSinceApprovalAndWriteNothing() {
        base();
        StepPreview preview = preview();
        stubs().reset();
        stubs().repo();
        stubs().branch("main", HEAD_SHA, BASE_TREE);
        stubs().file(WEB, HEAD_SHA, "replicas: 5\nimage: web:1.4.0\n");
        stubs().absent(API, HEAD_SHA);
        stubs().createBlob(WEB_AFTER);
        stubs().createTree();
        stubs().createCommit();
        stubs().createRef(BRANCH);

        Throwable t = catchThrowable(() -> run("propose-change", PROPOSE, GitHubWorld.context().setPreview(
                preview)));

        assertThat(failureOf(t)).isEqualTo(ToolFailure.PRECONDITION_FAILED);
        assertThat(t).hasMessageContaining("'" + WEB + "' changed on main since the diff was approved");
        assertThat(stubs().writes()).as("nothing written").isEmpty();
    }

    @Test
    void proposeChangeWithoutAnApprovedDiffShouldWriteNothing() {
        base();
        Throwable t = catchThrowable(() -> run("propose-change", PROPOSE));
        assertThat(failureOf(t)).isEqualTo(ToolFailure.PRECONDITION_FAILED);
        assertThat(stubs().writes()).isEmpty();
    }

    @Test
    void proposeChangeShouldRefuseABranchThatAlreadyExistsAndWriteNothing() {
        base();
        StepPreview preview = preview();
        stubs().branch(BRANCH, HEAD_SHA, BASE_TREE);
        Throwable t = catchThrowable(() -> run("propose-change", PROPOSE, GitHubWorld.context().setPreview(
                preview)));
        assertThat(failureOf(t)).isEqualTo(ToolFailure.CONFLICT);
        assertThat(t).hasMessageContaining("the branch '" + BRANCH + "' already exists; nothing was pushed");
        assertThat(stubs().writes()).isEmpty();
    }

    @Test
    void proposeChangeShouldRefuseSymlinksSubmodulesAndDirectoriesAtPlanTime() {
        stubs().branch("main", BASE_SHA, BASE_TREE);
        stubs().symlink("helm/values/prod/link.yaml", BASE_SHA);
        stubs().followedSymlink("helm/values/prod/alias.yaml", BASE_SHA, "helm/values/prod/web.yaml", WEB_BEFORE);
        stubs().submodule("helm/values/prod/vendor", BASE_SHA);
        stubs().directory("helm/values/prod/dir", BASE_SHA);
        for (String path : List.of("helm/values/prod/link.yaml", "helm/values/prod/alias.yaml",
                "helm/values/prod/vendor", "helm/values/prod/dir")) {
            ToolCall call = GitHubWorld.call("propose-change", "{\"repo\": \"acme/web\", \"base\": \"main\", \"title\":"
                    + " \"t\", \"files\": {\"" + path + "\": \"x: 1\\n\"}}");
            Throwable t = catchThrowable(() -> GitHubWorld.action(adapter(), "propose-change").preview(call,
                    GitHubWorld.context()));
            assertThat(failureOf(t)).as(path).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
            assertThat(t.getMessage()).as(path).containsAnyOf("symbolic link", "submodule", "directory");
        }
        assertThat(stubs().writes()).isEmpty();
    }

    // ---- pr-merge, pr-comment, pr-close, workflow-dispatch

    @Test
    void prMergeShouldRefuseUntilEveryCheckPassedAndThenMergeWithTheInventorysMethod() {
        stubs().getPull(stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), true, "clean", false));
        stubs().checkRuns(HEAD_SHA, "build:completed:success", "e2e:in_progress:null");
        stubs().statuses(HEAD_SHA);
        stubs().stub(GitHubStubs.putTo("/pulls/7/merge").willReturn(json(200, object().put("sha", MERGE_SHA)
                .put("merged", true).put("message", "Pull Request successfully merged"))));
        Throwable t = catchThrowable(() -> run("pr-merge", "{\"repo\": \"acme/web\", \"number\": 7}"));
        assertThat(failureOf(t)).isEqualTo(ToolFailure.PRECONDITION_FAILED);
        assertThat(t).hasMessageContaining("its checks are pending (not finished: e2e)");
        assertThat(stubs().writes()).isEmpty();

        stubs().checkRuns(HEAD_SHA, "build:completed:success", "e2e:completed:skipped");
        stubs().getPull(stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), true, "clean", false));
        // the SDK reads the pull request again after merging, for the merge commit
        stubs().server().stubFor(GitHubStubs.getTo("/pulls/7").inScenario("merge").whenScenarioStateIs("Started")
                .willReturn(json(200, stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), true, "clean",
                        false))).atPriority(1));
        stubs().server().stubFor(GitHubStubs.putTo("/pulls/7/merge").inScenario("merge").willSetStateTo("merged")
                .willReturn(json(200, object().put("sha", MERGE_SHA).put("merged", true)
                        .put("message", "Pull Request successfully merged"))).atPriority(1));
        stubs().server().stubFor(GitHubStubs.getTo("/pulls/7").inScenario("merge").whenScenarioStateIs("merged")
                .willReturn(json(200, stubs().full(stubs().pull(7, "closed", "feature/x", HEAD_SHA, "main"), false,
                        "unknown", true))).atPriority(1));
        ToolResult r = run("pr-merge", "{\"repo\": \"acme/web\", \"number\": 7}");
        assertThat(r.externalIds()).containsEntry("github.merge_commit_sha", MERGE_SHA)
                .containsEntry("github.merge_method", "squash");
        assertThat(stubs().body("PUT", "/pulls/7/merge").toString())
                .isEqualTo("{\"sha\":\"" + HEAD_SHA + "\",\"merge_method\":\"squash\"}");
    }

    @Test
    void prMergeOfAPullRequestGitHubCallsNotMergeableShouldBeAConflict() {
        stubs().getPull(stubs().full(stubs().pull(7, "open", "feature/x", HEAD_SHA, "main"), false, "dirty", false));
        stubs().checkRuns(HEAD_SHA, "build:completed:success");
        stubs().statuses(HEAD_SHA);
        stubs().stub(GitHubStubs.putTo("/pulls/7/merge").willReturn(error(405, "Pull Request is not mergeable",
                "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request")));
        Throwable t = catchThrowable(() -> run("pr-merge", "{\"repo\": \"acme/web\", \"number\": 7, \"method\": \"merge\"}"));
        assertThat(failureOf(t)).isEqualTo(ToolFailure.CONFLICT);
        assertThat(t).hasMessageContaining("Pull Request is not mergeable");
    }

    @Test
    void prCommentShouldPostTheBodyAndReportTheComment() {
        stubs().issue(7);
        ObjectNode comment = object().put("id", 1_081_119_451L).put("node_id", "MDEyOklzc3VlQ29tbWVudDE=")
                .put("url", stubs().url("/repos/acme/web/issues/comments/1081119451"))
                .put("html_url", "https://github.com/acme/web/pull/7#issuecomment-1081119451")
                .put("body", "Rolled out.").put("created_at", "2024-05-02T10:00:00Z").put("updated_at", "2024-05-02T10:00:00Z")
                .put("issue_url", stubs().url("/repos/acme/web/issues/7")).put("author_association", "COLLABORATOR");
        comment.set("user", stubs().user("carapulse[bot]"));
        stubs().stub(GitHubStubs.postTo("/issues/7/comments").willReturn(json(201, comment)));
        ToolResult r = run("pr-comment", "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"Rolled out.\"}");
        assertThat(r.externalIds()).containsEntry("github.comment_id", "1081119451")
                .containsEntry("github.comment_url", "https://github.com/acme/web/pull/7#issuecomment-1081119451");
        assertThat(stubs().body("POST", "/issues/7/comments").toString()).isEqualTo("{\"body\":\"Rolled out.\"}");
    }

    @Test
    void theInverseOfAProposedChangeShouldCloseItsPullRequestAndDeleteItsBranchAndBeSafeToRunTwice() {
        ToolCall propose = GitHubWorld.call("propose-change", PROPOSE);
        ToolCall inverse = GitHubWorld.action(adapter(), "propose-change").captureInverse(propose, GitHubWorld.context())
                .orElseThrow();
        assertThat(inverse.action()).isEqualTo("pr-close");
        assertThat(inverse.args().toString()).isEqualTo("{\"repo\":\"acme/web\",\"head\":\"" + BRANCH
                + "\",\"deleteBranch\":true}");
        assertThat(stubs().requests()).as("the inverse is known without a read").isEmpty();

        ObjectNode open = stubs().full(stubs().pull(9, "open", BRANCH, NEW_COMMIT, "main"), true, "clean", false);
        stubs().stub(GitHubStubs.getTo("/pulls").withQueryParam("head", equalTo("acme:" + BRANCH))
                .withQueryParam("state", equalTo("all")).willReturn(json(200, GitHubStubs.array()
                        .add(stubs().pull(9, "open", BRANCH, NEW_COMMIT, "main")))));
        stubs().getPull(open);
        stubs().stub(GitHubStubs.patchTo("/pulls/9").willReturn(json(200, stubs().full(stubs().pull(9, "closed", BRANCH,
                NEW_COMMIT, "main"), null, "unknown", false))));
        stubs().branch(BRANCH, NEW_COMMIT, NEW_TREE);
        ObjectNode ref = object().put("ref", "refs/heads/" + BRANCH).put("node_id", "MDM6UmVm")
                .put("url", stubs().url("/repos/acme/web/git/refs/heads/" + BRANCH));
        ref.set("object", object().put("type", "commit").put("sha", NEW_COMMIT).put("url", stubs().url("/x")));
        stubs().stub(GitHubStubs.getTo("/git/refs/heads/" + BRANCH).willReturn(json(200, ref)));
        stubs().stub(GitHubStubs.deleteTo("/git/refs/heads/" + BRANCH).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));

        ToolResult first = run("pr-close", inverse.args().toString());
        assertThat(first.output()).isEqualTo("closed #9; deleted branch " + BRANCH);
        assertThat(stubs().body("PATCH", "/pulls/9").toString()).isEqualTo("{\"state\":\"closed\"}");

        stubs().reset();
        stubs().repo();
        stubs().stub(GitHubStubs.getTo("/pulls").withQueryParam("head", equalTo("acme:" + BRANCH))
                .willReturn(json(200, GitHubStubs.array().add(stubs().pull(9, "closed", BRANCH, NEW_COMMIT, "main")))));
        stubs().noBranch(BRANCH);
        stubs().stub(GitHubStubs.deleteTo("/git/refs/heads/" + BRANCH).willReturn(error(422, "Reference does not exist",
                "https://docs.github.com/rest/git/refs#delete-a-reference")));
        ToolResult again = run("pr-close", inverse.args().toString());
        assertThat(again.output()).isEqualTo("#9 was already closed; branch " + BRANCH + " was already gone");
        assertThat(stubs().writes().stream().filter(w -> w.getMethod().getName().equals("PATCH"))).isEmpty();
    }

    @Test
    void workflowDispatchShouldStartTheWorkflowAndFindTheRunItCreated() {
        stubs().workflow(161335);
        Instant now = Instant.now();
        stubs().runs("main", "30433642~999~" + now.minusSeconds(3600), "30433643~161335~" + now.plusSeconds(1),
                "30433644~161335~" + now.plusSeconds(5));
        ToolResult r = run("workflow-dispatch", "{\"repo\": \"acme/web\", \"workflow\": \"deploy.yml\", \"ref\": \"main\","
                + " \"inputs\": {\"version\": \"1.5.0\"}}");
        assertThat(stubs().body("POST", "/actions/workflows/161335/dispatches").toString())
                .isEqualTo("{\"ref\":\"main\",\"inputs\":{\"version\":\"1.5.0\"}}");
        assertThat(r.externalIds()).containsEntry("github.run_id", "30433643")
                .containsEntry("github.run_url", "https://github.com/acme/web/actions/runs/30433643");
        assertThat(stubs().requests().stream().filter(q -> q.getUrl().contains("/actions/runs?")).findFirst().orElseThrow()
                .queryParameter("created").firstValue()).startsWith(">=");
    }

    @Test
    void workflowDispatchShouldSucceedSayingTheRunWasNotFoundWhenNoneShowsUp() {
        stubs().workflow(161335);
        stubs().runs("main");
        ToolResult r = run("workflow-dispatch", "{\"repo\": \"acme/web\", \"workflow\": \"deploy.yml\", \"ref\": \"main\"}");
        assertThat(r.externalIds()).containsEntry("github.run_id", "not found");
        assertThat(r.output()).contains("GitHub showed no run of it within");
        assertThat(stubs().requests().stream().filter(q -> q.getUrl().contains("/actions/runs?")).count())
                .as("looked more than once").isGreaterThan(1);
    }

    // ---- failures, one table for both transports

    @Test
    void gitHubsAnswersShouldReadAsTheFamilysFailures() {
        record Case(int status, String message, boolean rateLimited, ToolFailure expected) {
        }
        List<Case> cases = List.of(
                new Case(401, "Bad credentials", false, ToolFailure.UNAUTHENTICATED),
                new Case(403, "API rate limit exceeded for installation ID 7890123.", true, ToolFailure.RATE_LIMITED),
                new Case(403, "Resource not accessible by integration", false, ToolFailure.FORBIDDEN),
                new Case(404, "Not Found", false, ToolFailure.NOT_FOUND),
                new Case(409, "Git Repository is empty.", false, ToolFailure.CONFLICT),
                new Case(422, "Validation Failed", false, ToolFailure.CONFLICT),
                new Case(503, "Service Unavailable", false, ToolFailure.UNAVAILABLE));
        for (Case c : cases) {
            stubs().reset();
            stubs().repo();
            var answer = error(c.status(), c.message(), "https://docs.github.com/rest");
            if (c.rateLimited()) {
                answer = answer.withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1714650000");
            }
            stubs().stub(GitHubStubs.getTo("/pulls/7").willReturn(answer));
            Throwable t = catchThrowable(() -> run("pr-get", "{\"repo\": \"acme/web\", \"number\": 7}"));
            assertThat(failureOf(t)).as(c.status() + " " + c.message()).isEqualTo(c.expected());
            assertThat(t).as("a read that may pass later is retriable").isInstanceOf(
                    c.expected() == ToolFailure.RATE_LIMITED || c.expected() == ToolFailure.UNAVAILABLE
                            ? RetriableToolException.class : ToolException.class);
            assertThat(t.getMessage()).startsWith("github pr-get in acme/web: ").contains(c.message())
                    .doesNotContain(GitHubStubs.TOKEN);
        }
    }

    @Test
    void aFailedWriteShouldNeverBeRetriable() {
        stubs().issue(7);
        stubs().stub(GitHubStubs.postTo("/issues/7/comments").willReturn(error(503, "Service Unavailable",
                "https://docs.github.com/rest")));
        Throwable t = catchThrowable(() -> run("pr-comment", "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"x\"}"));
        assertThat(t).isInstanceOf(ToolException.class);
        assertThat(failureOf(t)).isEqualTo(ToolFailure.UNAVAILABLE);
        assertThat(stubs().writes()).hasSize(1);
    }
}
