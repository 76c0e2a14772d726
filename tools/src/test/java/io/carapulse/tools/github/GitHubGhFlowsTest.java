package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The github actions through the real {@code gh} 2.23 ({@code /usr/bin/gh}) against the same local GitHub,
 * over HTTPS: {@code GH_HOST=127.0.0.1:<port>} makes gh use {@code https://127.0.0.1:<port>/api/v3/} (its
 * GitHub Enterprise form, where gh 2.23 reads the token from {@code GH_ENTERPRISE_TOKEN}), and
 * {@code SSL_CERT_FILE} (a test-only setting of the lease) trusts the test's certificate. Skipped without gh
 * unless {@code CARAPULSE_REQUIRE_GH_CLI=true}.
 */
class GitHubGhFlowsTest extends GitHubFlowsContract {

    @TempDir
    static Path tls;
    static GitHubStubs stubs;
    static GitHubTls certificate;
    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @BeforeAll
    static void start() {
        GhCli.require();
        certificate = GitHubTls.create(tls);
        stubs = new GitHubStubs(certificate, GitHubStubs.TOKEN);
    }

    @AfterAll
    static void stop() {
        if (stubs != null) {
            stubs.close();
        }
    }

    @Override
    protected GitHubStubs stubs() {
        return stubs;
    }

    @Override
    protected GitHubAdapter adapter() {
        return new GitHubAdapter(GitHubWorld.runtime(GitHubWorld.section(stubs.httpsHost(), stubs.apiUrl(),
                        GitHubWorld.token(), List.of()), GhCli.require().getParent(), runner, Clock.systemUTC(),
                GitHubWorld.ENVIRONMENT::get, Map.of("SSL_CERT_FILE", certificate.certificate().toString())));
    }

    @Override
    protected Transport transport() {
        return Transport.CLI;
    }

    @Test
    void theEvidenceOfAGhCallShouldBeItsArgvWithoutTheToken() {
        stubs.issue(7);
        var comment = GitHubStubs.object().put("id", 5).put("html_url", "https://github.com/acme/web/pull/7#issuecomment-5")
                .put("body", "x");
        stubs.stub(GitHubStubs.postTo("/issues/7/comments").willReturn(GitHubStubs.json(201, comment)));
        ToolResult r = run("pr-comment", "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"x\"}");
        assertThat(r.command()).hasSize(11);
        assertThat(r.command().subList(0, 10)).containsExactly("/usr/bin/gh", "api", "repos/acme/web/issues/7/comments",
                "--method", "POST", "-H", "Accept: application/vnd.github+json", "-H", "X-GitHub-Api-Version: 2022-11-28",
                "--input");
        assertThat(Path.of(r.command().get(10))).hasFileName("request-1.json").doesNotExist();
        assertThat(r.exitCode()).isZero();
        assertThat(String.join(" ", r.command())).doesNotContain(GitHubStubs.TOKEN);
        LoggedRequest post = stubs.requests().get(0);
        assertThat(post.getUrl()).isEqualTo("/api/v3/repos/acme/web/issues/7/comments");
        assertThat(post.getHeader("Authorization")).isEqualTo("token " + GitHubStubs.TOKEN);
        assertThat(post.getHeader("User-Agent")).startsWith("GitHub CLI 2.");
    }
}
