package io.carapulse.tools.github;

import io.carapulse.api.error.PermanentException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.lease.BrokerCredentials;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every {@code github} action shares: the environment's GitHub section (S6), the credentials (a token
 * read from its reference, or a GitHub App installation token from {@link GitHubAppTokens}) resolved when
 * a call needs them, and the two ways to reach GitHub ({@link GitHubCall}): {@code gh api} with the token
 * leased to it, or GitHub API for Java. Failures are named by {@link GitHubErrors} on both paths.
 */
@Singleton
public class GitHubRuntime extends FamilyRuntime {

    public static final String TOOL = "github";
    public static final String BINARY = "gh";

    private final EnvironmentCatalog environments;
    private final Function<String, String> environment;
    private final HttpClient http;
    private final Clock clock;
    private final GitHubAppTokens appTokens;
    private final Optional<String> consoleUrl;
    private final Map<String, String> cliSettings;
    private final Duration runLookup;
    private final BrokerCredentials broker;

    @Inject
    public GitHubRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                         @Value("${carapulse.console.public-url:}") String consoleUrl,
                         @Value("${carapulse.approvals.public-url:}") String approvalsUrl,
                         io.micronaut.context.BeanProvider<BrokerCredentials> broker) {
        this(environments, selector, cli, new Options(Clock.systemUTC(), System::getenv,
                consoleUrl.isBlank() ? approvalsUrl : consoleUrl, Map.of(), Duration.ofSeconds(20)),
                BrokerCredentials.lazy(broker));
    }

    public GitHubRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli, Options options) {
        this(environments, selector, cli, options, BrokerCredentials.NONE);
    }

    /** With the credential broker that {@code integration:github} token references are read through. */
    public GitHubRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli, Options options,
                         BrokerCredentials broker) {
        super(TOOL, BINARY, selector, cli, GitHubErrors.EXITS, GitHubErrors.STATUSES);
        this.broker = broker;
        this.environments = environments;
        this.environment = options.environment();
        this.clock = options.clock();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.appTokens = new GitHubAppTokens(http, clock, environment);
        this.consoleUrl = Optional.ofNullable(options.consoleUrl()).map(u -> u.replaceAll("/+$", ""))
                .filter(u -> !u.isBlank());
        this.cliSettings = Map.copyOf(options.cliSettings());
        this.runLookup = options.runLookup();
    }

    /**
     * What a server never changes but a test does.
     *
     * @param clock       when tokens expire and workflow runs were created
     * @param environment where {@code env:} secret references are read
     * @param consoleUrl  {@code carapulse.console.public-url} (else {@code carapulse.approvals.public-url}), for the link to the plan in a pull request; blank for none
     * @param cliSettings variables every {@code gh} call gets besides its lease (a test's {@code SSL_CERT_FILE})
     * @param runLookup   how long {@code workflow-dispatch} looks for the run it started
     */
    public record Options(Clock clock, Function<String, String> environment, String consoleUrl,
                          Map<String, String> cliSettings, Duration runLookup) {
    }

    /** The environment's {@code github} section, if it declares one. */
    public Optional<GitHubInventory> inventory(String environmentName) {
        return environments.find(environmentName).flatMap(e -> e.inventory().part(GitHubInventory.class));
    }

    /** S6: the problem of acting on {@code repository} in {@code environmentName}, naming the argument; empty when declared. */
    public List<String> repositoryProblems(String environmentName, String repository) {
        Optional<GitHubInventory> inventory = inventory(environmentName);
        if (inventory.isEmpty()) {
            return List.of("repo: environment '" + environmentName + "' declares no GitHub repositories (github.repositories)");
        }
        if (inventory.get().repository(repository).isEmpty()) {
            return List.of("repo: '" + repository + "' is not a GitHub repository of environment '" + environmentName
                    + "' (repositories: " + inventory.get().repositories().stream().map(GitHubRepository::name).toList() + ")");
        }
        if (inventory.get().credentials() instanceof GitHubCredentials.Token t && t.ref().isIntegration()
                && broker.serving(t.ref().locator(), environmentName).isEmpty()) {
            return List.of("repo: environment '" + environmentName + "' takes its GitHub token from the credential "
                    + "broker through " + t.ref() + ", but no " + t.ref().locator() + " integration serves it; link one "
                    + "(assistantctl integration link " + t.ref().locator() + " --env " + environmentName + ")");
        }
        return List.of();
    }

    /** The inventory's repository (checked before by {@link #repositoryProblems}). */
    GitHubRepository repository(String environmentName, String repository) {
        return inventory(environmentName).flatMap(i -> i.repository(repository))
                .orElseThrow(() -> new IllegalStateException("repository checked before: " + repository));
    }

    @Override
    protected boolean hasHttpPath(String environmentName) {
        return inventory(environmentName).isPresent();
    }

    /** Whether {@code environmentName}'s section reads GitHub anonymously ({@code token: none}). */
    boolean anonymous(String environmentName) {
        return inventory(environmentName).map(i -> i.credentials() instanceof GitHubCredentials.Anonymous).orElse(false);
    }

    /** As for every family, except that an anonymous section's calls always go over HTTP: {@code gh} needs a login. */
    @Override
    public Selection select(ToolCall call, boolean actionHasHttpPath) {
        if (actionHasHttpPath && anonymous(call.environment())) {
            return new Selection.Http();
        }
        return super.select(call, actionHasHttpPath);
    }

    /** A connection for one call through {@code binary} ({@code gh}) or, when null, GitHub API for Java. */
    GitHubCall open(Path binary, ToolCall call, ToolContext context, String action, String repository, boolean read) {
        GitHubInventory inventory = inventory(call.environment()).orElseThrow(() ->
                new IllegalStateException("inventory checked before"));
        return new GitHubCall(this, binary, context, action, call.environment(), inventory,
                repository(call.environment(), repository), read);
    }

    /** The same, choosing the transport as {@link #select} does (reads made for a preview or an inverse). */
    GitHubCall open(ToolCall call, ToolContext context, String action, String repository) {
        Path binary = select(call, true) instanceof Selection.Cli c ? c.binary() : null;
        return open(binary, call, context, action, repository, true);
    }

    /**
     * The token of {@code inventory}'s credentials (those of environment {@code environmentName}), read now:
     * for a section with {@code as-requester: true} and a call for a person who has a GitHub connection, that
     * person's own token (through the broker); otherwise the referenced secret, the credential of the
     * integration serving the environment (through the broker), or an installation token of the GitHub App.
     * {@code configuration_invalid} naming the reference when it does not resolve. Null for a section that reads
     * anonymously ({@code token: none}).
     */
    String token(GitHubInventory inventory, String environmentName, ToolContext context) {
        if (inventory.asRequester()) {
            Optional<BrokerCredentials.Leased> own = context.actingFor().flatMap(o ->
                    broker.personal(TOOL, o.requester(), environmentName, TOOL, context));
            if (own.isPresent()) {
                return own.get().token();
            }
        }
        if (inventory.credentials() instanceof GitHubCredentials.Anonymous) {
            return null; // token: none: the call goes without a credential
        }
        if (inventory.credentials() instanceof GitHubCredentials.App app) {
            return appTokens.token(inventory.apiUrl(), app, context.deadline());
        }
        GitHubCredentials.Token t = (GitHubCredentials.Token) inventory.credentials();
        if (t.ref().isIntegration()) {
            return broker.lease(t.ref().locator(), environmentName, TOOL, context).token();
        }
        try {
            return t.ref().resolve(environment).reveal();
        } catch (PermanentException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "github: the token of " + inventory.host()
                    + ": " + e.getMessage(), null);
        }
    }

    HttpClient http() {
        return http;
    }

    Clock clock() {
        return clock;
    }

    /** {@code carapulse.console.public-url} without a trailing slash, when set. */
    Optional<String> consoleUrl() {
        return consoleUrl;
    }

    Map<String, String> cliSettings() {
        return cliSettings;
    }

    Duration runLookup() {
        return runLookup;
    }
}
