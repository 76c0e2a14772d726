package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Git repository an environment declares for Helm values ({@code helm.values-repo}): the
 * plan-time check that it exists, and the fetch before an {@code upgrade} with {@code values_ref}.
 * The repository is cloned ({@code git clone --depth 1 --branch <ref> -- <url> <lease>/values-repo})
 * into the Helm call's lease directory, so it is deleted with the lease when the call ends. A token
 * reaches git only through its environment ({@code GIT_CONFIG_*} setting {@code http.extraHeader}),
 * never argv, and is masked in git's and helm's output (S4, S5).
 */
@Singleton
public final class HelmValuesRepo {

    /** The tool and binary name of the fetch. */
    static final String GIT = "git";
    /** The directory, inside the lease, the repository is cloned into. */
    static final String CLONE_DIR = "values-repo";

    private final EnvironmentCatalog environments;
    private final TransportSelector selector;
    private final CliInvoker invoker;
    private final Function<String, String> secretEnvironment;
    private final GitExitMapper exits = new GitExitMapper();

    @Inject
    public HelmValuesRepo(EnvironmentCatalog environments, TransportSelector selector, CliInvoker invoker) {
        this(environments, selector, invoker, System::getenv);
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} references. */
    public HelmValuesRepo(EnvironmentCatalog environments, TransportSelector selector, CliInvoker invoker,
                          Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.selector = selector;
        this.invoker = invoker;
        this.secretEnvironment = secretEnvironment;
    }

    /** A fetched values file and the commit it was read at. */
    record Fetched(Path file, String commit) {
    }

    /** Plan-time problem of a call naming {@code values_ref} in an environment without a values repository. */
    List<String> problems(ToolCall call) {
        if (!call.args().hasNonNull(HelmUpgrade.VALUES_REF) || repo(call.environment()).isPresent()) {
            return List.of();
        }
        return List.of("values_ref needs a Git repository of Helm values, but environment " + call.environment()
                + " declares no helm.values-repo");
    }

    /**
     * Clones the environment's values repository into {@code lease}'s directory and returns the file
     * {@code path} inside it with the commit cloned; the lease also learns the token, for redaction.
     *
     * @throws ToolException {@code target_not_allowed} without a repository, {@code not_found} when the
     *                       file is not in it, or git's failure with its evidence
     */
    Fetched fetch(ToolCall call, String path, CredentialLease lease, ToolContext ctx) {
        HelmInventory.Values repo = repo(call.environment()).orElseThrow(() -> new ToolException(
                ToolFailure.TARGET_NOT_ALLOWED, problems(call).get(0), null));
        Path git = ((Selection.Cli) selector.select(GIT, GIT, false)).binary();
        Path clone = lease.directory().resolve(CLONE_DIR);
        try (CredentialLease gitLease = CredentialLease.open()) {
            gitLease.putEnv("GIT_TERMINAL_PROMPT", "0");
            repo.token().ifPresent(ref -> {
                String token = ref.resolve(secretEnvironment).reveal();
                gitLease.addSecret(token);
                lease.addSecret(token);
                gitLease.putEnv("GIT_CONFIG_COUNT", "1");
                gitLease.putEnv("GIT_CONFIG_KEY_0", "http.extraHeader");
                gitLease.putEnv("GIT_CONFIG_VALUE_0", "Authorization: Bearer " + token);
            });
            invoker.run(git, List.of("clone", "--depth", "1", "--branch", repo.ref(), "--", repo.repo().toString(),
                    clone.toString()), gitLease, ctx, exits);
            ProcessOutcome head = invoker.run(git, List.of("-C", clone.toString(), "rev-parse", "HEAD"), gitLease,
                    ctx, exits);
            return new Fetched(inside(clone, path, repo), head.stdout().strip());
        }
    }

    private Optional<HelmInventory.Values> repo(String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(HelmInventory.class))
                .flatMap(HelmInventory::values);
    }

    /** The file, which must exist as a regular file inside the clone, also after following links. */
    private static Path inside(Path clone, String path, HelmInventory.Values repo) {
        Path file = clone.resolve(path).normalize();
        try {
            if (file.startsWith(clone) && Files.isRegularFile(file)
                    && file.toRealPath().startsWith(clone.toRealPath(LinkOption.NOFOLLOW_LINKS))) {
                return file;
            }
        } catch (IOException e) {
            // not readable: reported as missing below
        }
        throw new ToolException(ToolFailure.NOT_FOUND, "values_ref " + path + " is not a file in " + repo.repo() + " at "
                + repo.ref(), null);
    }
}
