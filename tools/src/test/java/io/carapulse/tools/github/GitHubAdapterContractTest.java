package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The github family keeps the declaration contract and the behavioural one against a recording fake
 * {@code gh} (outputs as gh 2.23 prints them); the SDK path's API URL is the local stubs.
 */
class GitHubAdapterContractTest extends ToolFamilyContract {

    static GitHubStubs stubs;
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    static void start() {
        stubs = new GitHubStubs();
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    @Override
    protected ToolAdapter adapter() {
        return GitHubWorld.adapter(stubs, null, runner);
    }

    @Override
    protected String binaryName() {
        return "gh";
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return GitHubWorld.adapter(stubs, binDirectory, runner);
    }

    @Override
    protected String environment() {
        return GitHubWorld.ENV;
    }

    @Override
    protected Optional<String> environmentWithoutInventory() {
        return Optional.of("dev");
    }

    /** A repository the environment does not declare, for every action. */
    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return validArguments().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().deepCopy().put("repo", "acme/payments")));
    }

    /** A base, path, branch, workflow, ref or merge method the repository does not allow. */
    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        Map<String, List<ObjectNode>> more = new LinkedHashMap<>();
        ObjectNode propose = validArguments().get("propose-change");
        more.put("propose-change", new ArrayList<>(List.of(
                propose.deepCopy().put("base", "release"),
                propose.deepCopy().put("branch", "main"),
                json("{\"repo\": \"acme/web\", \"base\": \"main\", \"title\": \"t\", \"files\": {\"charts/web/values.yaml\":"
                        + " \"x: 1\\n\"}}"),
                json("{\"repo\": \"acme/web\", \"base\": \"main\", \"title\": \"t\", \"patch\": \"diff --git a/.github/"
                        + "workflows/deploy.yml b/.github/workflows/deploy.yml\\n--- a/.github/workflows/deploy.yml\\n+++ "
                        + "b/.github/workflows/deploy.yml\\n@@ -1 +1 @@\\n-a\\n+b\\n\"}"))));
        ObjectNode dispatch = validArguments().get("workflow-dispatch");
        more.put("workflow-dispatch", List.of(dispatch.deepCopy().put("workflow", "destroy.yml"),
                dispatch.deepCopy().put("ref", "feature/x")));
        more.put("pr-merge", List.of(validArguments().get("pr-merge").deepCopy().put("method", "rebase")));
        more.put("pr-close", List.of(json("{\"repo\": \"acme/web\", \"head\": \"main\", \"deleteBranch\": true}")));
        return more;
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(GitHubStubs.TOKEN);
    }

    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable("GH_TOKEN").printVariable("GH_ENTERPRISE_TOKEN");
    }

    /** The reads the actions make first, answered with GitHub's shapes as gh prints them. */
    @Override
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        String pull = stubs.full(stubs.pull(7, "open", "feature/x", GitHubStubs.HEAD_SHA, "main"), true, "clean", false)
                .toString();
        return cli.answer(List.of("api", "repos/acme/web/pulls/7"), pull)
                .answer(List.of("api", "repos/acme/web/commits/" + GitHubStubs.HEAD_SHA + "/check-runs?per_page=100"),
                        "{\"total_count\": 1, \"check_runs\": [{\"id\": 4, \"name\": \"build\", \"status\": \"completed\","
                                + " \"conclusion\": \"success\", \"head_sha\": \"" + GitHubStubs.HEAD_SHA + "\"}]}")
                .answer(List.of("api", "repos/acme/web/statuses/" + GitHubStubs.HEAD_SHA + "?per_page=100"), "[]")
                .answer(List.of("api", "repos/acme/web/actions/workflows/deploy.yml"),
                        "{\"id\": 161335, \"name\": \"Deploy\", \"path\": \".github/workflows/deploy.yml\"}");
    }

    /** What gh 2.23 prints on stderr: {@code gh: <GitHub's message> (HTTP <status>)}, exit 1; exit 4 without a login. */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(1, "gh: Not Found (HTTP 404)\n", ToolFailure.NOT_FOUND),
                new ExitSample(1, "gh: Resource not accessible by integration (HTTP 403)\n", ToolFailure.FORBIDDEN),
                new ExitSample(1, "gh: API rate limit exceeded for installation ID 7890123. (HTTP 403)\n",
                        ToolFailure.RATE_LIMITED),
                new ExitSample(1, "gh: Bad credentials (HTTP 401)\n", ToolFailure.UNAUTHENTICATED),
                new ExitSample(1, "gh: Validation Failed (HTTP 422)\n", ToolFailure.CONFLICT),
                new ExitSample(1, "gh: Server Error (HTTP 500)\n", ToolFailure.UNAVAILABLE),
                new ExitSample(4, "To get started with GitHub CLI, please run:  gh auth login\n",
                        ToolFailure.UNAUTHENTICATED),
                new ExitSample(1, "something unexpected\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "pr-get";
    }

    /** Titles, bodies and patches are free text: they travel in request bodies, never in argv. */
    @Override
    protected Set<String> freeTextArguments() {
        return Set.of("propose-change.title", "propose-change.body", "propose-change.patch", "pr-comment.body");
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        String repo = "\"repo\": \"acme/web\"";
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        m.put("pr-get", json("{" + repo + ", \"number\": 7}"));
        m.put("pr-list", json("{" + repo + ", \"state\": \"open\", \"base\": \"main\", \"limit\": 5}"));
        m.put("pr-checks", json("{" + repo + ", \"number\": 7}"));
        m.put("file-get", json("{" + repo + ", \"path\": \"helm/values/prod/web.yaml\", \"ref\": \"main\"}"));
        m.put("commits", json("{" + repo + ", \"ref\": \"main\", \"limit\": 5}"));
        m.put("propose-change", json("{" + repo + ", \"base\": \"main\", \"title\": \"Roll web to 1.5.0\", \"body\":"
                + " \"why\", \"files\": {\"helm/values/prod/web.yaml\": \"replicas: 3\\n\"}, \"branch\": \"carapulse/web-1\","
                + " \"draft\": false}"));
        m.put("pr-comment", json("{" + repo + ", \"number\": 7, \"body\": \"Rolled out.\"}"));
        m.put("pr-merge", json("{" + repo + ", \"number\": 7, \"method\": \"squash\"}"));
        m.put("workflow-dispatch", json("{" + repo + ", \"workflow\": \"deploy.yml\", \"ref\": \"main\", \"inputs\":"
                + " {\"version\": \"1.5.0\"}}"));
        m.put("pr-close", json("{" + repo + ", \"number\": 7, \"deleteBranch\": true}"));
        return m;
    }

    @Test
    void shouldDeclareTheClassOfEveryActionAndOnlyProposeChangeReversible() {
        Map<String, ActionClass> classes = adapter().actions().stream().collect(Collectors.toMap(
                a -> a.descriptor().name(), a -> a.descriptor().actionClass()));
        assertThat(classes).containsEntry("pr-get", ActionClass.READ).containsEntry("pr-list", ActionClass.READ)
                .containsEntry("pr-checks", ActionClass.READ).containsEntry("file-get", ActionClass.READ)
                .containsEntry("commits", ActionClass.READ).containsEntry("propose-change", ActionClass.WRITE)
                .containsEntry("pr-comment", ActionClass.WRITE).containsEntry("pr-merge", ActionClass.WRITE)
                .containsEntry("workflow-dispatch", ActionClass.WRITE).containsEntry("pr-close", ActionClass.WRITE)
                .hasSize(10);
        assertThat(adapter().actions().stream().filter(a -> a.descriptor().reversible()).map(a -> a.descriptor().name()))
                .containsExactly("propose-change");
    }
}
