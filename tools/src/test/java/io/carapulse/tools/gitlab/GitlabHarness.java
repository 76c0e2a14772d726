package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.P;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One GitLab for a test, reached through either transport: the WireMock stubs answer the SDK path, and a
 * fake {@code glab} built from the same answers ({@link GlabFake}) answers the CLI path. A test declares
 * GitLab's answers once and runs against both.
 */
final class GitlabHarness implements AutoCloseable {

    /** The transport a test runs through. */
    enum Via { SDK, CLI }

    static final ObjectMapper JSON = new ObjectMapper();

    final GitlabStubs stubs = new GitlabStubs();
    private final Path dir;
    private final ProcessRunner runner = new ProcessRunner();
    private GlabFake fake;
    private int fakes;

    GitlabHarness(Path dir) {
        this.dir = dir;
    }

    /** The adapter through {@code via}; for the CLI, a fresh fake {@code glab} answering what is declared now. */
    GitlabAdapter adapter(Via via) {
        if (via == Via.SDK) {
            return GitlabWorld.adapter(stubs.apiUrl(), null, runner);
        }
        fake = GlabFake.of(dir.resolve("glab-" + fakes++), stubs.replies());
        return GitlabWorld.adapter(stubs.apiUrl(), fake.bin(), runner);
    }

    ToolAction action(Via via, String name) {
        return adapter(via).action(name).orElseThrow();
    }

    /** Hands the answers declared since the adapter was made to the fake {@code glab} too. */
    void sync() {
        if (fake != null) {
            fake.install(stubs.replies());
        }
    }

    GlabFake fake() {
        return fake;
    }

    /** {@code METHOD path} of every request that would change something, through {@code via}. */
    List<String> writes(Via via) {
        List<String> out = new ArrayList<>();
        if (via == Via.SDK) {
            stubs.writes().forEach(r -> out.add(r.getMethod().value() + " " + r.getUrl()));
        } else if (fake != null) {
            fake.calls().forEach(c -> {
                int m = c.args().indexOf("--method");
                String method = m < 0 ? "GET" : c.args().get(m + 1);
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    out.add(method + " " + c.args().get(c.args().size() - 1));
                }
            });
        }
        return out;
    }

    static ToolCall call(String action, String json) {
        try {
            return new ToolCall(GitlabRuntime.TOOL, action, (ObjectNode) JSON.readTree(json), GitlabWorld.ENV);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // --- GitLab's answers for the usual project state ---

    /** {@code main} at {@code sha}. */
    GitlabHarness base(String sha) {
        stubs.ok("GET", P + "/repository/branches/main", GitlabShapes.branch("main", sha));
        return this;
    }

    /** The tree of {@code helm/values/prod} at {@code sha}, {@code values.yaml} being {@code valuesBlob}. */
    GitlabHarness prodTree(String sha, String valuesBlob) {
        stubs.on("GET", P + "/repository/tree", Map.of("path", "helm/values/prod", "ref", sha), 200, Map.of(),
                GitlabShapes.prodTree(valuesBlob));
        return this;
    }

    /** {@code path} at {@code ref}: its HEAD headers and its content. */
    GitlabHarness file(String path, String ref, byte[] content) {
        String blob = io.carapulse.tools.git.GitBlob.sha1(content);
        String encoded = P + "/repository/files/" + GitlabPaths.encode(path);
        stubs.on("HEAD", encoded, Map.of("ref", ref), 200, Map.ofEntries(
                Map.entry("X-Gitlab-Blob-Id", blob), Map.entry("X-Gitlab-Commit-Id", GitlabShapes.HEAD),
                Map.entry("X-Gitlab-Content-Sha256", "4c294617b60715c1d218e61164a3abd4808a4284cbc30e6728a01ad9aada4481"),
                Map.entry("X-Gitlab-Encoding", "base64"), Map.entry("X-Gitlab-Execute-Filemode", "false"),
                Map.entry("X-Gitlab-File-Name", path.substring(path.lastIndexOf('/') + 1)),
                Map.entry("X-Gitlab-File-Path", path), Map.entry("X-Gitlab-Last-Commit-Id", GitlabShapes.HEAD),
                Map.entry("X-Gitlab-Ref", ref), Map.entry("X-Gitlab-Size", String.valueOf(content.length))), "");
        stubs.on("GET", encoded, Map.of("ref", ref), 200, Map.of(), GitlabShapes.file(path, ref, blob, content));
        return this;
    }

    /** {@code branch} does not exist. */
    GitlabHarness noBranch(String branch) {
        stubs.on("GET", P + "/repository/branches/" + GitlabPaths.encode(branch), Map.of(), 404, Map.of(),
                GitlabShapes.error("404 Branch Not Found"));
        return this;
    }

    @Override
    public void close() {
        stubs.close();
    }
}
