package io.carapulse.tools.gitlab;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environments for the gitlab family's tests: {@code prod} declares project {@code platform/deploy/web}
 * (base {@code main}, changes under {@code helm/values/prod/}, pipelines on {@code main} and
 * {@code deploy}, squash merges, required check {@code deploy-check}) and {@code platform/docs} (base
 * {@code main}, no paths), on a GitLab whose API is the WireMock stubs, with the canary token behind
 * {@code env:GITLAB_TEST_TOKEN}; {@code dev} declares no GitLab at all.
 */
final class GitlabWorld {

    static final String ENV = "prod";
    /** The token: a canary that no redaction pattern knows, so only the lease's own masking can hide it. */
    static final String TOKEN = "canary-gitlab-token-7f3a9c51e2";
    static final String PUBLIC_URL = "https://carapulse.example.com";

    private GitlabWorld() {
    }

    static Map<String, Object> webProject() {
        Map<String, Object> web = new LinkedHashMap<>();
        web.put("name", GitlabShapes.PROJECT);
        web.put("bases", List.of("main"));
        web.put("paths", List.of("helm/values/prod/"));
        web.put("pipeline-refs", List.of("main", "deploy"));
        web.put("merge-method", List.of("squash", "merge"));
        web.put("required-checks", List.of("deploy-check"));
        return web;
    }

    static EnvironmentCatalog catalog(String apiUrl, int maxFileBytes) {
        return catalog(apiUrl, maxFileBytes, "env:GITLAB_TEST_TOKEN");
    }

    static EnvironmentCatalog catalog(String apiUrl, int maxFileBytes, String tokenRef) {
        return catalog(apiUrl, maxFileBytes, tokenRef, false);
    }

    static EnvironmentCatalog catalog(String apiUrl, int maxFileBytes, String tokenRef, boolean asRequester) {
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("name", "platform/docs");
        docs.put("bases", List.of("main"));
        GitlabSection section = new GitlabSection(List.of(new GitlabProperties(ENV, new GitlabProperties.Gitlab(
                "gitlab.example.com", apiUrl, tokenRef, String.valueOf(maxFileBytes),
                List.of(webProject(), docs), asRequester ? "true" : null))));
        return new EnvironmentCatalog(List.of(env("prod"), env("dev")), List.of(section));
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    static GitlabRuntime runtime(String apiUrl, Path path, ProcessRunner runner, Map<String, String> secrets) {
        TransportSelector selector = new TransportSelector(new BinaryLocator(path == null ? "" : path.toString(),
                Clock.systemUTC()), List.of(ToolSettings.defaults(GitlabRuntime.TOOL)));
        return new GitlabRuntime(catalog(apiUrl, 1024), selector, new CliInvoker(runner), secrets::get, PUBLIC_URL);
    }

    /** The adapter finding {@code glab} on {@code path} (a fake's directory), or none (null: the SDK path). */
    static GitlabAdapter adapter(String apiUrl, Path path, ProcessRunner runner) {
        return new GitlabAdapter(runtime(apiUrl, path, runner, Map.of("GITLAB_TEST_TOKEN", TOKEN)));
    }
}
