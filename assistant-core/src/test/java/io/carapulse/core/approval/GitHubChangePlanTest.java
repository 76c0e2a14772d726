package io.carapulse.core.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.tools.github.GitHubStubs.BASE_SHA;
import static io.carapulse.tools.github.GitHubStubs.BASE_TREE;
import static io.carapulse.tools.github.GitHubStubs.HEAD_SHA;
import static io.carapulse.tools.github.GitHubStubs.NEW_COMMIT;
import static io.carapulse.tools.github.GitHubStubs.NEW_TREE;
import static io.carapulse.tools.github.GitHubStubs.json;
import static io.carapulse.tools.github.GitHubStubs.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Json;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.token.TokenService;
import io.carapulse.tools.git.GitBlob;
import io.carapulse.tools.github.GitHubStubs;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole GitHub change the way a team ships one: a plan reads a values file and proposes a change to it
 * as a pull request; the diff is in the plan and in the Linear issue the approver decides in; once
 * approved, the execution opens the pull request (its URL and the approved diff's sha256 in the
 * evidence). A base that moved after approval fails the step with {@code precondition_failed} before
 * anything is pushed; a pull request whose checks fail the verify is closed and its branch deleted. The
 * local GitHub ({@link GitHubStubs}, GitHub's REST shapes) is reached through GitHub API for Java; its
 * token is a canary that must appear nowhere the product writes.
 */
@MicronautTest(environments = "test", transactional = false)
class GitHubChangePlanTest extends ChannelTestSupport {

    static final String WEB = "helm/values/prod/web.yaml";
    static final String API = "helm/values/prod/api.yaml";
    static final String WEB_BEFORE = "replicas: 2\nimage: web:1.4.0\n";
    static final String WEB_AFTER = "replicas: 3\nimage: web:1.5.0\n";
    static final String API_NEW = "replicas: 2\n";
    static final String BRANCH = "carapulse/launch-web-1-5";

    final GitHubStubs github = new GitHubStubs();
    @Inject TokenService tokens;
    String viewer;

    @Override
    public Map<String, String> getProperties() {
        try {
            Files.writeString(world.dir.resolve("github-token"), GitHubStubs.TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new java.util.LinkedHashMap<>(super.getProperties());
        String gh = "carapulse.environments.staging.github.";
        p.put(gh + "api-url", github.apiUrl().toString());
        p.put(gh + "token", world.file("github-token"));
        p.put(gh + "repositories[0].name", "acme/web");
        p.put(gh + "repositories[0].bases", "main");
        p.put(gh + "repositories[0].paths", "helm/values/prod/");
        p.put("carapulse.tools.github.transport", "http");
        return p;
    }

    @AfterAll
    void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void freshGitHub() {
        github.reset();
        github.repo();
        viewer = tokens.create(Actor.SYSTEM, "gh-viewer", List.of("viewer")).token();
    }

    @Test
    void theApprovedDiffShouldBeWhatThePullRequestCarriesAndItsUrlTheEvidence() {
        base();
        PlanEntity p = plans.create(OLIVER, proposal());

        // the diff is in the plan as the API shows it, covered by the fingerprint
        JsonNode shown = http().get("/v1/plans/" + p.id(), viewer).json();
        JsonNode preview = shown.at("/steps/1/preview");
        assertThat(preview.path("diff").asText()).contains("--- a/" + WEB, "+++ b/" + WEB, "-replicas: 2",
                "+replicas: 3", "+image: web:1.5.0", "new file mode 100644", "+++ b/" + API);
        assertThat(preview.path("summary").asText()).isEqualTo("2 files in acme/web from main@6dcb09b: +3 -2");
        String sha = preview.path("diffSha256").asText();
        assertThat(sha).matches("[0-9a-f]{64}");
        assertThat(github.writes()).as("planning only reads").isEmpty();

        // and in the Linear issue the approver decides in
        drain();
        String issue = issueOf(p);
        assertThat(world.linear.issue(issue).description).contains("-replicas: 2", "+replicas: 3", sha);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        assertThat(webhook(issue).status()).isEqualTo(200);
        drain();
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.APPROVED);

        github.reset();
        github.repo();
        base();
        push();
        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode evidence = http().get("/v1/executions/" + e.id() + "/evidence", viewer).json();
        JsonNode proposed = evidenceOf(evidence, "propose-change");
        assertThat(proposed.path("externalIds").path("github.pr_url").asText()).isEqualTo("https://github.com/acme/web/pull/9");
        assertThat(proposed.path("externalIds").path("github.commit_sha").asText()).isEqualTo(NEW_COMMIT);
        assertThat(proposed.path("externalIds").path("github.base_sha").asText()).isEqualTo(BASE_SHA);
        assertThat(proposed.path("externalIds").path("diff.sha256").asText()).isEqualTo(sha);
        ObjectNode pull = github.body("POST", "/pulls");
        assertThat(pull.path("head").asText()).isEqualTo(BRANCH);
        assertThat(pull.path("body").asText()).contains("Plan: https://carapulse.example.com/console/plans/" + p.id(),
                "requested by oidc:oliver", "approved by email:bob@example.com", "Approved diff sha256: " + sha);
        assertThat(github.body("POST", "/git/commits").path("parents").toString()).isEqualTo("[\"" + BASE_SHA + "\"]");

        drain();
        String events = http().get("/v1/executions/" + e.id() + "/event-log", viewer).body();
        String audits = audit.list(new AuditFilter(null, null, null, p.id(), null, null), 500).items().toString();
        assertThat(List.of(evidence.toString(), events, audits, shown.toString(), world.linear.issue(issue).description,
                String.join("\n", world.linear.commentBodies(issue))))
                .allSatisfy(text -> assertThat(text).doesNotContain(GitHubStubs.TOKEN));
    }

    @Test
    void aBaseThatMovedAfterApprovalShouldFailTheStepAndPushNothing() {
        base();
        PlanEntity p = plans.create(OLIVER, proposal());
        approve(p);

        // someone merged another change to the file after the approver saw the diff
        github.reset();
        github.repo();
        github.branch("main", HEAD_SHA, BASE_TREE);
        github.file(WEB, HEAD_SHA, "replicas: 5\nimage: web:1.4.0\n");
        github.file(WEB, "main", "replicas: 5\nimage: web:1.4.0\n");
        github.absent(API, HEAD_SHA);
        push();
        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        JsonNode step = http().get("/v1/executions/" + e.id(), viewer).json().at("/steps/1");
        assertThat(step.at("/error/code").asText()).as(step.toString()).isEqualTo("precondition_failed");
        assertThat(step.at("/error/detail").asText()).contains("'" + WEB + "' changed on main since the diff was approved");
        assertThat(github.writes()).as("nothing pushed").isEmpty();
    }

    @Test
    void aPullRequestWhoseChecksFailTheVerifyShouldBeClosedAndItsBranchDeleted() {
        base();
        StepSpec checks = new StepSpec("github", "pr-checks", Json.object().put("repo", "acme/web").put("number", 9),
                "verify", new Assertion("/state", "eq", Json.toTree("success")), null);
        PlanCreateRequest withVerify = new PlanCreateRequest("staging", "roll web to 1.5.0",
                List.of(proposal().steps().get(0), proposal().steps().get(1), checks));
        PlanEntity p = plans.create(OLIVER, withVerify);
        approve(p);

        github.reset();
        github.repo();
        base();
        push();
        ObjectNode open = github.full(github.pull(9, "open", BRANCH, NEW_COMMIT, "main"), true, "clean", false);
        github.getPull(open);
        github.checkRuns(NEW_COMMIT, "build:completed:success", "test:completed:failure");
        github.statuses(NEW_COMMIT);
        github.stub(GitHubStubs.getTo("/pulls").withQueryParam("head", equalTo("acme:" + BRANCH))
                .withQueryParam("state", equalTo("all")).willReturn(json(200, GitHubStubs.array()
                        .add(github.pull(9, "open", BRANCH, NEW_COMMIT, "main")))));
        github.stub(GitHubStubs.patchTo("/pulls/9").willReturn(json(200, github.full(github.pull(9, "closed", BRANCH,
                NEW_COMMIT, "main"), null, "unknown", false))));
        ObjectNode ref = object().put("ref", "refs/heads/" + BRANCH).put("node_id", "MDM6UmVm")
                .put("url", github.url("/repos/acme/web/git/refs/heads/" + BRANCH));
        ref.set("object", object().put("type", "commit").put("sha", NEW_COMMIT).put("url", github.url("/x")));
        github.stub(GitHubStubs.getTo("/git/refs/heads/" + BRANCH).willReturn(json(200, ref)));
        // the branch is absent until the change is pushed (POST git/refs), there after
        github.branch(BRANCH, NEW_COMMIT, NEW_TREE);
        github.server().stubFor(GitHubStubs.getTo("/branches/" + BRANCH).atPriority(4)
                .inScenario("branch").whenScenarioStateIs(Scenario.STARTED).willReturn(GitHubStubs.error(404,
                        "Branch not found", "https://docs.github.com/rest/branches/branches#get-a-branch")));
        github.server().stubFor(GitHubStubs.postTo("/git/refs").atPriority(4).inScenario("branch")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("pushed").willReturn(json(201, object()
                        .put("ref", "refs/heads/" + BRANCH).put("url", github.url("/repos/acme/web/git/refs/heads/"
                                + BRANCH)).set("object", object().put("type", "commit").put("sha", NEW_COMMIT)))));
        github.stub(GitHubStubs.deleteTo("/git/refs/heads/" + BRANCH).willReturn(aResponse().withStatus(204)));

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.ROLLED_BACK);
        assertThat(github.body("PATCH", "/pulls/9").toString()).isEqualTo("{\"state\":\"closed\"}");
        assertThat(github.calls()).contains("DELETE /git/refs/heads/" + BRANCH);
        JsonNode evidence = http().get("/v1/executions/" + e.id() + "/evidence", viewer).json();
        assertThat(evidence.findValuesAsText("action")).contains("propose-change", "pr-checks", "pr-close");
        assertThat(evidence.toString()).doesNotContain(GitHubStubs.TOKEN);
    }

    private PlanCreateRequest proposal() {
        ObjectNode read = Json.object().put("repo", "acme/web").put("path", WEB).put("ref", "main");
        ObjectNode change = Json.object().put("repo", "acme/web").put("base", "main").put("branch", BRANCH)
                .put("title", "Roll web to 1.5.0").put("body", "Scale up for the launch.");
        change.putObject("files").put(WEB, WEB_AFTER).put(API, API_NEW);
        return new PlanCreateRequest("staging", "roll web to 1.5.0", List.of(
                new StepSpec("github", "file-get", read, "act", null, null),
                new StepSpec("github", "propose-change", change, "act", null, null)));
    }

    private void approve(PlanEntity p) {
        drain();
        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        webhook(issue);
        drain();
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.APPROVED);
    }

    /** The base as the preview and the execution read it: main at BASE_SHA, web.yaml there, api.yaml not. */
    private void base() {
        github.branch("main", BASE_SHA, BASE_TREE);
        github.file(WEB, BASE_SHA, WEB_BEFORE);
        github.file(WEB, "main", WEB_BEFORE);
        github.absent(API, BASE_SHA);
    }

    /** What pushing the change and opening the pull request needs. */
    private void push() {
        github.noBranch(BRANCH);
        github.commit(BASE_SHA, BASE_TREE);
        github.tree(BASE_TREE, "helm:040000:tree:1111111111111111111111111111111111111111");
        github.tree("1111111111111111111111111111111111111111", "values:040000:tree:3333333333333333333333333333333333333333");
        github.tree("3333333333333333333333333333333333333333", "prod:040000:tree:4444444444444444444444444444444444444444");
        github.tree("4444444444444444444444444444444444444444", "web.yaml:100644:blob:"
                + GitBlob.sha1(WEB_BEFORE.getBytes(StandardCharsets.UTF_8)));
        github.createBlob(WEB_AFTER);
        github.createBlob(API_NEW);
        github.createTree();
        github.createCommit();
        github.createRef(BRANCH);
        github.stub(GitHubStubs.postTo("/pulls").willReturn(json(201, github.full(github.pull(9, "open", BRANCH,
                NEW_COMMIT, "main"), null, "unknown", false))));
    }

    private static JsonNode evidenceOf(JsonNode evidence, String action) {
        for (JsonNode e : evidence) {
            if (action.equals(e.path("action").asText())) {
                return e;
            }
        }
        throw new AssertionError("no evidence of " + action + " in " + evidence);
    }
}
