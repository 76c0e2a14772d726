package io.carapulse.tools.gitlab;

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
import org.junit.jupiter.api.Test;

/**
 * The gitlab family keeps the declaration contract and the behavioural one against a recording fake
 * {@code glab}: the project (and per action its base, paths, pipeline ref, merge method) outside the
 * inventory is refused at plan time and before {@code glab} runs; {@code glab}'s failures read as the
 * family's (stderr as glab 1.53 prints it: {@code glab: <message> (HTTP <status>)}); the leased token never
 * surfaces; {@code propose-change}'s inverse is a valid {@code pr-close}.
 */
class GitlabAdapterContractTest extends ToolFamilyContract {

    private static final String API = "http://127.0.0.1:9/api/v4"; // never reached: these calls use the fake CLI
    private final ProcessRunner runner = new ProcessRunner();

    @Override
    protected ToolAdapter adapter() {
        return GitlabWorld.adapter(API, null, runner);
    }

    @Override
    protected String binaryName() {
        return "glab";
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return GitlabWorld.adapter(API, binDirectory, runner);
    }

    @Override
    protected String environment() {
        return GitlabWorld.ENV;
    }

    @Override
    protected Optional<String> environmentWithoutInventory() {
        return Optional.of("dev");
    }

    /** A project the environment does not declare, for every action. */
    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return validArguments().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().deepCopy().put("repo", "platform/other")));
    }

    /** Per action, what the project's entry limits: bases, paths, pipeline refs, merge methods, branches. */
    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        Map<String, List<ObjectNode>> more = new LinkedHashMap<>();
        ObjectNode propose = validArguments().get("propose-change");
        more.put("propose-change", new ArrayList<>(List.of(
                propose.deepCopy().put("base", "release"),
                propose.deepCopy().put("branch", "main"),
                propose.deepCopy().put("repo", "platform/docs"),
                (ObjectNode) propose.deepCopy().set("files", json("{\"helm/values/staging/values.yaml\": \"x: 1\\n\"}")),
                (ObjectNode) propose.deepCopy().set("files", json("{\"Makefile\": \"all:\\n\"}")))));
        more.put("pipeline-run", List.of(validArguments().get("pipeline-run").deepCopy().put("ref", "feature/x")));
        more.put("pr-merge", List.of(validArguments().get("pr-merge").deepCopy().put("repo", "platform/docs")
                .put("method", "squash")));
        more.put("pr-close", List.of(json("{\"repo\": \"" + GitlabShapes.PROJECT + "\", \"head\": \"main\", "
                + "\"deleteBranch\": true}")));
        return more;
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(GitlabWorld.TOKEN);
    }

    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable("GITLAB_TOKEN");
    }

    /** What glab 1.53's {@code api} command prints on stderr when GitLab refuses (exit 1), or cannot be reached. */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(1, "glab: 404 Not found (HTTP 404)\n", ToolFailure.NOT_FOUND),
                new ExitSample(1, "glab: 403 Forbidden (HTTP 403)\n", ToolFailure.FORBIDDEN),
                new ExitSample(1, "glab: 401 Unauthorized (HTTP 401)\n", ToolFailure.UNAUTHENTICATED),
                new ExitSample(1, "glab: Retry later (HTTP 429)\n", ToolFailure.RATE_LIMITED),
                new ExitSample(1, "glab: HTTP 502\n", ToolFailure.UNAVAILABLE),
                new ExitSample(1, "glab: Branch already exists (HTTP 409)\n", ToolFailure.CONFLICT),
                new ExitSample(1, "glab: 405 Method Not Allowed (HTTP 405)\n", ToolFailure.CONFLICT),
                new ExitSample(1, "glab: A branch called 'carapulse/x' already exists (HTTP 400)\n", ToolFailure.CONFLICT),
                new ExitSample(1, "Get \"https://gitlab.example.com/api/v4/projects/x\": dial tcp: lookup "
                        + "gitlab.example.com: no such host\n", ToolFailure.UNAVAILABLE),
                new ExitSample(1, "unknown flag: --bogus\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "pr-get";
    }

    /** Titles, bodies, comments and patches travel in a JSON request body file, never as arguments. */
    @Override
    protected Set<String> freeTextArguments() {
        return Set.of("propose-change.title", "propose-change.body", "propose-change.patch", "pr-comment.body");
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        String r = "\"repo\": \"" + GitlabShapes.PROJECT + "\"";
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        m.put("pr-get", json("{" + r + ", \"number\": 7}"));
        m.put("pr-list", json("{" + r + ", \"state\": \"open\", \"base\": \"main\", \"limit\": 10}"));
        m.put("pr-checks", json("{" + r + ", \"number\": 7}"));
        m.put("file-get", json("{" + r + ", \"path\": \"helm/values/prod/values.yaml\", \"ref\": \"main\"}"));
        m.put("commits", json("{" + r + ", \"ref\": \"main\", \"limit\": 5}"));
        m.put("propose-change", json("{" + r + ", \"base\": \"main\", \"title\": \"Bump web to 1.4.3\", \"body\": \"For "
                + "the incident\", \"files\": {\"helm/values/prod/values.yaml\": \"replicaCount: 3\\n\"}}"));
        m.put("pr-comment", json("{" + r + ", \"number\": 7, \"body\": \"Deployed to prod\"}"));
        m.put("pr-merge", json("{" + r + ", \"number\": 7}"));
        m.put("pipeline-run", json("{" + r + ", \"ref\": \"deploy\", \"variables\": {\"DEPLOY_ENV\": \"prod\"}}"));
        m.put("pr-close", json("{" + r + ", \"number\": 7, \"deleteBranch\": true}"));
        return m;
    }

    @Test
    void shouldDeclareTheClassOfEveryAction() {
        Map<String, ActionClass> classes = adapter().actions().stream().collect(Collectors.toMap(
                a -> a.descriptor().name(), a -> a.descriptor().actionClass()));
        assertThat(classes).containsEntry("pr-get", ActionClass.READ).containsEntry("pr-list", ActionClass.READ)
                .containsEntry("pr-checks", ActionClass.READ).containsEntry("file-get", ActionClass.READ)
                .containsEntry("commits", ActionClass.READ).containsEntry("propose-change", ActionClass.WRITE)
                .containsEntry("pr-comment", ActionClass.WRITE).containsEntry("pr-merge", ActionClass.WRITE)
                .containsEntry("pipeline-run", ActionClass.WRITE).containsEntry("pr-close", ActionClass.WRITE)
                .hasSize(10);
        assertThat(adapter().actions().stream().filter(a -> a.descriptor().reversible()).map(a -> a.descriptor().name()))
                .containsExactly("propose-change");
    }
}
