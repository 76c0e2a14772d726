package io.carapulse.tools.gitlab;

import io.carapulse.config.SecretRef;
import io.carapulse.tools.lease.BrokerCredentials;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.api.error.PermanentException;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every {@code gitlab} action shares: the environment's GitLab section (the instance, the token
 * reference, the projects and what steps may do in them, S6), the token resolved when a call needs it
 * (an unresolvable reference is {@code configuration_invalid} naming the reference, never a value), and
 * the two ways to reach GitLab with it: {@code glab api} with the token leased to it, or gitlab4j-api
 * ({@link GitlabCall}). Failures are named by {@link GitlabErrors} on both paths.
 */
@Singleton
public class GitlabRuntime extends FamilyRuntime {

    /** The tool name. */
    public static final String TOOL = "gitlab";
    /** The CLI's executable. */
    public static final String BINARY = "glab";

    private final EnvironmentCatalog environments;
    private final Function<String, String> secrets;
    private final Optional<String> publicUrl;
    private final BrokerCredentials broker;

    @Inject
    public GitlabRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                         @Nullable @Value("${carapulse.console.public-url:}") String publicUrl,
                         @Nullable @Value("${carapulse.approvals.public-url:}") String approvalsUrl,
                         io.micronaut.context.BeanProvider<BrokerCredentials> broker) {
        this(environments, selector, cli, System::getenv,
                publicUrl == null || publicUrl.isBlank() ? approvalsUrl : publicUrl, BrokerCredentials.lazy(broker));
    }

    public GitlabRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                         Function<String, String> secrets, @Nullable String publicUrl) {
        this(environments, selector, cli, secrets, publicUrl, BrokerCredentials.NONE);
    }

    /**
     * @param secrets   how {@code env:} references are read (the server's environment; a map in tests)
     * @param publicUrl where people reach the console, for the plan link in a merge request; blank for none
     * @param broker    where {@code integration:gitlab} token references are read
     */
    public GitlabRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                         Function<String, String> secrets, @Nullable String publicUrl, BrokerCredentials broker) {
        super(TOOL, BINARY, selector, cli, GitlabErrors.EXITS, GitlabErrors.STATUSES);
        this.broker = broker;
        this.environments = environments;
        this.secrets = secrets;
        this.publicUrl = Optional.ofNullable(publicUrl).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** The environment's {@code gitlab} section, if it declares one. */
    public Optional<GitlabInventory> inventory(String environment) {
        return environments.find(environment).flatMap(e -> e.inventory().part(GitlabInventory.class));
    }

    /**
     * S6 problems of acting on project {@code repo} of {@code environment}, naming the argument; empty when
     * the inventory declares it.
     */
    public List<String> projectProblems(String environment, String repo) {
        Optional<GitlabInventory> inventory = inventory(environment);
        if (inventory.isEmpty()) {
            return List.of("repo: environment '" + environment + "' declares no GitLab projects (gitlab.repositories)");
        }
        if (inventory.get().project(repo).isEmpty()) {
            return List.of("repo: '" + repo + "' is not a GitLab project of environment '" + environment
                    + "' (projects: " + inventory.get().projects().stream().map(GitlabProject::name).toList() + ")");
        }
        SecretRef token = inventory.get().token();
        if (token != null && token.isIntegration() && broker.serving(token.locator(), environment).isEmpty()) {
            return List.of("repo: environment '" + environment + "' takes its GitLab token from the credential broker "
                    + "through " + token + ", but no " + token.locator() + " integration serves it; link one "
                    + "(assistantctl integration link " + token.locator() + " --env " + environment + ")");
        }
        return List.of();
    }

    /** The inventory's project (checked before by {@link #projectProblems}). */
    GitlabProject project(String environment, String repo) {
        return inventory(environment).flatMap(i -> i.project(repo)).orElseThrow(() ->
                new IllegalStateException("project checked before: " + repo));
    }

    GitlabInventory checkedInventory(String environment) {
        return inventory(environment).orElseThrow(() -> new IllegalStateException("inventory checked before"));
    }

    /** Where people reach the console ({@code carapulse.console.public-url}), if set. */
    Optional<String> publicUrl() {
        return publicUrl;
    }

    @Override
    protected boolean hasHttpPath(String environment) {
        return inventory(environment).isPresent();
    }

    /** Whether {@code environment}'s section reads GitLab anonymously ({@code token: none}). */
    boolean anonymous(String environment) {
        return inventory(environment).map(GitlabInventory::anonymous).orElse(false);
    }

    /** As for every family, except that an anonymous section's calls always go over HTTP: {@code glab} needs a login. */
    @Override
    public Selection select(ToolCall call, boolean actionHasHttpPath) {
        if (actionHasHttpPath && anonymous(call.environment())) {
            return new Selection.Http();
        }
        return super.select(call, actionHasHttpPath);
    }

    /**
     * The environment's token, read now: for a section with {@code as-requester: true} and a call for a person
     * with a GitLab connection, that person's own token; through the credential broker for
     * {@code integration:gitlab}; null for a section that reads anonymously ({@code token: none}). An unset
     * variable or an unreadable file is {@code configuration_invalid} naming the reference (never a value).
     */
    String token(String environment, ToolContext context) {
        GitlabInventory inventory = checkedInventory(environment);
        if (inventory.asRequester()) {
            Optional<BrokerCredentials.Leased> own = context.actingFor().flatMap(o ->
                    broker.personal(TOOL, o.requester(), environment, TOOL, context));
            if (own.isPresent()) {
                return own.get().token();
            }
        }
        if (inventory.anonymous()) {
            return null; // token: none: the call goes without a credential
        }
        if (inventory.token().isIntegration()) {
            return broker.lease(inventory.token().locator(), environment, TOOL, context).token();
        }
        try {
            return inventory.token().resolve(secrets).reveal();
        } catch (PermanentException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "the GitLab token reference "
                    + inventory.token() + " of environment '" + environment + "' (its gitlab section) cannot be read: "
                    + e.getMessage(), null);
        }
    }

    /**
     * A connection for one call of {@code action} on project {@code repo} through the transport chosen for
     * it: {@code glab} when {@code binary} is set, else gitlab4j-api.
     */
    GitlabCall open(Path binary, ToolCall call, ToolContext context, String action, String repo, boolean read) {
        return new GitlabCall(this, binary, call, context, action, checkedInventory(call.environment()), repo, read);
    }

    /** The same, choosing the transport as {@link #select} does (reads made while previewing or capturing). */
    GitlabCall open(ToolCall call, ToolContext context, String action, String repo, boolean read) {
        Path binary = select(call, true) instanceof Selection.Cli c ? c.binary() : null;
        return open(binary, call, context, action, repo, read);
    }
}
