package io.carapulse.tools.github;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Environments for the github family's tests: {@code prod} declares {@code acme/web} (base main, paths
 * {@code helm/values/prod/}, workflow deploy.yml, merge methods squash then merge, no required checks) on a
 * host whose API is the local stubs, with a token read from {@code GITHUB_TOKEN}; {@code dev} declares no
 * GitHub.
 */
final class GitHubWorld {

    static final String ENV = "prod";
    static final Map<String, String> ENVIRONMENT = Map.of("GITHUB_TOKEN", GitHubStubs.TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubWorld() {
    }

    /** The github block of {@code prod}: {@code host}, {@code api-url} and the credentials as given. */
    static Map<String, Object> section(String host, URI apiUrl, Map<String, Object> credentials, List<String> requiredChecks) {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("name", "acme/web");
        repo.put("bases", List.of("main"));
        repo.put("paths", List.of("helm/values/prod/"));
        repo.put("workflows", List.of("deploy.yml"));
        repo.put("merge-method", List.of("squash", "merge"));
        repo.put("required-checks", requiredChecks);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("host", host);
        section.put("api-url", apiUrl.toString());
        section.putAll(credentials);
        section.put("max-file-bytes", "4096");
        section.put("repositories", List.of(repo));
        return section;
    }

    static EnvironmentCatalog catalog(Map<String, Object> section) {
        GitHubProperties.Github g = new GitHubProperties.Github((String) section.get("host"), (String) section.get("api-url"),
                (String) section.get("token"), castMap(section.get("app")), (String) section.get("max-file-bytes"),
                castList(section.get("repositories")));
        GitHubSection s = new GitHubSection(List.of(new GitHubProperties(ENV, g)));
        return new EnvironmentCatalog(List.of(env(ENV), env("dev")), List.of(s));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static EnvironmentProperties env(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
    }

    static Map<String, Object> token() {
        return Map.of("token", "env:GITHUB_TOKEN");
    }

    /** A runtime over {@code section}; {@code path} is where {@code gh} is looked for (null: the SDK path). */
    static GitHubRuntime runtime(Map<String, Object> section, Path path, ProcessRunner runner, Clock clock,
                                 Function<String, String> environment, Map<String, String> cliSettings) {
        TransportSelector selector = new TransportSelector(new BinaryLocator(path == null ? "" : path.toString(),
                Clock.systemUTC()), List.of(ToolSettings.defaults(GitHubRuntime.TOOL)));
        return new GitHubRuntime(catalog(section), selector, new CliInvoker(runner), new GitHubRuntime.Options(clock,
                environment, "https://carapulse.example.com/", cliSettings, Duration.ofMillis(1500)));
    }

    /** The adapter of the usual {@code prod} on the stubs, with a token, through the SDK or {@code gh} in {@code path}. */
    static GitHubAdapter adapter(GitHubStubs stubs, Path path, ProcessRunner runner) {
        return new GitHubAdapter(runtime(section("github.example.com", stubs.apiUrl(), token(), List.of()), path, runner,
                Clock.systemUTC(), ENVIRONMENT::get, Map.of()));
    }

    static ToolCall call(String action, String json) {
        try {
            return new ToolCall(GitHubRuntime.TOOL, action, (ObjectNode) JSON.readTree(json), ENV);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ToolAction action(GitHubAdapter adapter, String name) {
        return adapter.action(name).orElseThrow();
    }

    /** A context for step 1 of plan-42, execution exec-7, requested by alice and approved by bob. */
    static RecordingToolContext context() {
        return RecordingToolContext.withTimeout(Duration.ofSeconds(30)).setOrigin(new ToolCallOrigin("plan-42", "exec-7",
                1, ToolCallOrigin.ACT, ENV, "oidc:alice", Optional.of("oidc:bob")));
    }
}
