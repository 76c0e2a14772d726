package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an {@code upgrade}'s chart may come from (S6): a chart repository the environment declares
 * ({@code <name>/<chart>}) or an {@code oci://} reference under one of its registry prefixes; anything
 * else is a plan-time problem and refused again before anything runs.
 *
 * <p>Before {@code helm upgrade}, the call's lease gets a private Helm configuration for that one
 * source, so no credential is ever on argv (S4, S5): for a repository a {@code repositories.yaml}
 * (mode 0600, {@code HELM_REPOSITORY_CONFIG}) and an empty cache directory
 * ({@code HELM_REPOSITORY_CACHE}) that {@code helm repo update <name>} fills with the repository's
 * index; for a registry with credentials a Docker-style {@code registry-config.json} (mode 0600,
 * {@code HELM_REGISTRY_CONFIG}). All of it is deleted with the lease when the call ends.
 */
@Singleton
public final class HelmChartSources {

    /** A chart of a classic repository: {@code <repository>/<chart>}, as Helm resolves it. */
    private static final Pattern REPOSITORY_CHART =
            Pattern.compile("^([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9][-a-z0-9.]{0,127})$");

    static final String REPOSITORIES_FILE = "repositories.yaml";
    static final String CACHE_DIR = "repository-cache";
    static final String REGISTRY_FILE = "registry-config.json";

    private final EnvironmentCatalog environments;
    private final CliInvoker invoker;
    private final Function<String, String> secretEnvironment;
    private final HelmExitMapper exits = new HelmExitMapper();

    @Inject
    public HelmChartSources(EnvironmentCatalog environments, CliInvoker invoker) {
        this(environments, invoker, System::getenv);
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} references. */
    public HelmChartSources(EnvironmentCatalog environments, CliInvoker invoker,
                            Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.invoker = invoker;
        this.secretEnvironment = secretEnvironment;
    }

    /** The declared source a chart comes from. */
    sealed interface Source permits Repository, Registry {

        /** What the evidence records of the source: names and locations, never credentials. */
        Map<String, String> evidence();
    }

    /** A chart of a classic repository. */
    record Repository(HelmInventory.ChartRepository repository) implements Source {
        @Override
        public Map<String, String> evidence() {
            return Map.of("chartRepository", repository.name(), "chartRepositoryUrl", repository.url().toString());
        }
    }

    /** A chart in an OCI registry. */
    record Registry(HelmInventory.OciRegistry registry) implements Source {
        @Override
        public Map<String, String> evidence() {
            return Map.of("chartRegistry", registry.prefix());
        }
    }

    /** Plan-time problems of the call's {@code chart}: one line naming the argument, or none. */
    List<String> problems(ToolCall call) {
        return resolve(call).isPresent() ? List.of() : List.of(problem(call));
    }

    /**
     * The declared source of the call's chart.
     *
     * @throws ToolException {@code target_not_allowed} when the chart is not from a declared source
     */
    Source source(ToolCall call) {
        return resolve(call).orElseThrow(() -> new ToolException(ToolFailure.TARGET_NOT_ALLOWED, problem(call), null));
    }

    /**
     * Gives {@code lease} the private Helm configuration of {@code source}; for a repository, also runs
     * {@code helm repo update <name>} with it, in the same lease and within the call's deadline, and
     * checks that the index arrived.
     *
     * @throws ToolException the repository update's failure, with its evidence
     */
    void prepare(Source source, Path helm, CredentialLease lease, ToolContext ctx) {
        if (source instanceof Repository r) {
            repository(r.repository(), helm, lease, ctx);
        } else if (source instanceof Registry r) {
            registry(r.registry(), lease);
        }
    }

    private void repository(HelmInventory.ChartRepository repo, Path helm, CredentialLease lease, ToolContext ctx) {
        ObjectNode entry = HelmArgs.JSON.createObjectNode().put("name", repo.name()).put("url", repo.url().toString());
        repo.username().ifPresent(u -> entry.put("username", u));
        repo.password().ifPresent(ref -> {
            String password = ref.resolve(secretEnvironment).reveal();
            lease.addSecret(password);
            lease.addSecret(repo.username().orElse("") + ":" + password); // and its base64: HTTP basic auth
            entry.put("password", password);
        });
        ObjectNode file = HelmArgs.JSON.createObjectNode().put("apiVersion", "v1");
        file.putArray("repositories").add(entry);
        // JSON is YAML: Helm reads the file with a YAML-to-JSON decoder, and JSON needs no quoting rules
        Path config = lease.write(REPOSITORIES_FILE, json(file));
        Path cache = lease.createDirectory(CACHE_DIR);
        lease.putEnv("HELM_REPOSITORY_CONFIG", config.toString());
        lease.putEnv("HELM_REPOSITORY_CACHE", cache.toString());
        ProcessOutcome update;
        try {
            update = invoker.run(helm, List.of("repo", "update", repo.name()), lease, ctx, exits);
        } catch (ToolException e) {
            // Helm 4 exits 1 and names the reason (401, no such host …) on stdout, not stderr
            String output = e.partial().map(ToolResult::output).orElse("");
            ToolFailure code = e.failure() == ToolFailure.TOOL_FAILED ? exits.code(1, output) : e.failure();
            throw new ToolException(code, e.getMessage(), e.partial().orElse(null), e);
        }
        // Helm 3 reports a failed fetch and exits 0 (unless --fail-on-repo-update-fail, a flag Helm 4 lacks)
        Path index = cache.resolve(repo.name() + "-index.yaml");
        if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
            String output = update.stdout() + "\n" + update.stderr();
            ToolFailure code = exits.code(0, output);
            throw new ToolException(code == ToolFailure.TOOL_FAILED ? ToolFailure.UNAVAILABLE : code, "helm repo update could not "
                    + "fetch the index of chart repository " + repo.name() + " (" + repo.url() + ")" + lastLine(output),
                    CliInvoker.result(update, null, Map.of()));
        }
    }

    private void registry(HelmInventory.OciRegistry registry, CredentialLease lease) {
        if (registry.username().isEmpty() || registry.password().isEmpty()) {
            return; // anonymous pull; the call's empty HOME holds no stored logins
        }
        String password = registry.password().get().resolve(secretEnvironment).reveal();
        String userPass = registry.username().get() + ":" + password;
        lease.addSecret(password);
        lease.addSecret(userPass); // and its base64 forms: the "auth" value below
        ObjectNode file = HelmArgs.JSON.createObjectNode();
        file.putObject("auths").putObject(registry.host())
                .put("auth", Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
        lease.putEnv("HELM_REGISTRY_CONFIG", lease.write(REGISTRY_FILE, json(file)).toString());
    }

    private Optional<Source> resolve(ToolCall call) {
        String chart = call.args().path("chart").asText("");
        HelmInventory.Charts charts = charts(call.environment());
        if (chart.startsWith("oci://")) {
            return chart.contains("..") ? Optional.empty() : charts.registryFor(chart).map(Registry::new);
        }
        Matcher m = REPOSITORY_CHART.matcher(chart);
        return m.matches() && !chart.contains("..") ? charts.repository(m.group(1)).map(Repository::new)
                : Optional.empty();
    }

    private String problem(ToolCall call) {
        String chart = call.args().path("chart").asText("");
        String shown = chart.length() > 80 ? chart.substring(0, 80) + "…" : chart;
        String env = call.environment();
        HelmInventory.Charts charts = charts(env);
        List<String> registries = charts.registries().stream().map(HelmInventory.OciRegistry::prefix).sorted().toList();
        List<String> repositories = charts.repositories().stream().map(HelmInventory.ChartRepository::name).sorted()
                .toList();
        if (chart.startsWith("oci://")) {
            return "chart '" + shown + "' is not under one of environment " + env + "'s OCI registries "
                    + (registries.isEmpty() ? "(it declares none in helm.oci-registries)" : registries);
        }
        Matcher m = REPOSITORY_CHART.matcher(chart);
        if (m.matches()) {
            return "chart '" + shown + "' names chart repository '" + m.group(1) + "', which environment " + env
                    + " does not declare " + (repositories.isEmpty() ? "(it declares none in helm.chart-repositories)"
                    : "(declared: " + repositories + ")");
        }
        return "chart '" + shown + "' must be <repository>/<chart> of one of environment " + env
                + "'s chart repositories " + repositories + " or an oci:// reference under one of its OCI registries "
                + registries + "; URLs, local paths and bare names are not allowed";
    }

    private HelmInventory.Charts charts(String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(HelmInventory.class))
                .map(HelmInventory::charts).orElse(HelmInventory.Charts.NONE);
    }

    private static byte[] json(ObjectNode node) {
        try {
            return HelmArgs.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Helm configuration", e);
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
        return ": " + (last.length() > 300 ? last.substring(0, 300) + "…" : last);
    }
}
