package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a plan with a proposed change is refused for before it is stored: paths with {@code ..} or absolute
 * ones, binary content, paths outside the repository's {@code paths}, a base outside its {@code bases}
 * (argument and target checks); and, when the base is read for the preview, a file over
 * {@code max-file-bytes} (proposed or at the base) and a binary base file. Nothing is ever written.
 */
class GitHubPlanTimeTest {

    static GitHubStubs stubs;
    ToolAction propose;

    @BeforeAll
    static void start() {
        stubs = new GitHubStubs();
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    @BeforeEach
    void fresh() {
        stubs.reset();
        stubs.repo();
        stubs.branch("main", GitHubStubs.BASE_SHA, GitHubStubs.BASE_TREE);
        propose = GitHubWorld.action(GitHubWorld.adapter(stubs, null, new ProcessRunner()), "propose-change");
    }

    static ToolCall change(String base, String path, String content) {
        return GitHubWorld.call("propose-change", "{\"repo\": \"acme/web\", \"base\": \"" + base + "\", \"title\": \"t\","
                + " \"files\": {\"" + path + "\": \"" + content + "\"}}");
    }

    @Test
    void pathsWithDotDotAbsolutePathsAndBinaryContentShouldBeRefusedAsArguments() {
        assertThat(propose.argumentProblems(change("main", "helm/values/prod/../../../etc/passwd", "x")))
                .singleElement().asString().contains("..");
        assertThat(propose.argumentProblems(change("main", "/etc/passwd", "x"))).singleElement().asString()
                .contains("absolute");
        assertThat(propose.argumentProblems(change("main", "helm/values/prod/a.bin", "\\u0000ELF")))
                .singleElement().asString().contains("binary content");
        assertThat(propose.argumentProblems(change("main", "helm/values/prod/web.yaml", "replicas: 3\\n"))).isEmpty();
        assertThat(stubs.requests()).isEmpty();
    }

    @Test
    void pathsOutsideTheRepositorysPathsAndBasesOutsideItsBasesShouldBeRefusedAsTargets() {
        assertThat(propose.targetProblems(change("main", "helm/values/staging/web.yaml", "x"))).singleElement()
                .asString().contains("files").contains("helm/values/staging/web.yaml");
        assertThat(propose.targetProblems(change("release", "helm/values/prod/web.yaml", "x"))).singleElement()
                .asString().isEqualTo("base: 'release' is not a base of acme/web (bases: [main])");
        assertThat(stubs.requests()).isEmpty();
    }

    @Test
    void aFileOverTheLimitOrABinaryFileAtTheBaseShouldBeRefusedByThePreview() {
        stubs.absent("helm/values/prod/big.yaml", GitHubStubs.BASE_SHA);
        stubs.bigFile("helm/values/prod/huge.yaml", GitHubStubs.BASE_SHA, 200_000);
        stubs.file("helm/values/prod/blob.yaml", GitHubStubs.BASE_SHA, "a\u0000b");
        String big = "x".repeat(5000);
        for (ToolCall call : new ToolCall[] {change("main", "helm/values/prod/big.yaml", big),
                change("main", "helm/values/prod/huge.yaml", "x: 1\\n"), change("main", "helm/values/prod/blob.yaml", "x")}) {
            assertThat(propose.argumentProblems(call)).isEmpty();
            assertThat(propose.targetProblems(call)).isEmpty();
            Throwable t = catchThrowable(() -> propose.preview(call, GitHubWorld.context()));
            assertThat(t).as(call.args().toString()).isInstanceOf(ToolException.class);
            assertThat(((ToolException) t).failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
            assertThat(t.getMessage()).containsAnyOf("more than the limit", "binary");
        }
        assertThat(stubs.writes()).isEmpty();
    }
}
