package io.carapulse.tools.github;

import io.carapulse.config.InventoryPart;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code github} section of an environment (S6): the GitHub host, how to reach its REST API, the
 * credentials' references and the repositories steps may touch. Built only by
 * {@link GitHubInventoryValidation#validate}, so every instance was checked key by key.
 *
 * @param host         {@code github.com} or a GitHub Enterprise Server host ({@code host[:port]}), what
 *                     {@code gh} gets as {@code GH_HOST}
 * @param apiUrl       the REST API's base URL, without a trailing slash
 * @param credentials  a token reference or a GitHub App
 * @param maxFileBytes the largest file a step may read or change
 * @param repositories the repositories, by unique name, in declaration order
 */
public record GitHubInventory(String host, URI apiUrl, GitHubCredentials credentials, int maxFileBytes,
                             List<GitHubRepository> repositories, boolean asRequester) implements InventoryPart {

    /** The default of {@code max-file-bytes}: 256 KiB. */
    public static final int DEFAULT_MAX_FILE_BYTES = 262_144;

    public GitHubInventory {
        repositories = List.copyOf(repositories);
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("a github section needs at least one repository");
        }
    }

    @Override
    public List<io.carapulse.config.SecretRef> brokerReferences() {
        return credentials instanceof GitHubCredentials.Token t && t.ref().isIntegration() ? List.of(t.ref()) : List.of();
    }

    /** A section whose calls all use its own credentials. */
    public GitHubInventory(String host, URI apiUrl, GitHubCredentials credentials, int maxFileBytes,
                           List<GitHubRepository> repositories) {
        this(host, apiUrl, credentials, maxFileBytes, repositories, false);
    }

    /** Whether the host is github.com (else GitHub Enterprise Server). */
    public boolean isGitHubCom() {
        return "github.com".equals(host);
    }

    /** The repository called {@code name}, if the environment declares it. */
    public Optional<GitHubRepository> repository(String name) {
        return repositories.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** One line per repository: bases, writable paths, workflows, merge method and checks; never a credential. */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (GitHubRepository r : repositories) {
            StringBuilder line = new StringBuilder("GitHub repository ").append(r.name()).append(" on ").append(host)
                    .append(": bases ").append(String.join(", ", r.bases()))
                    .append("; changes may write ").append(r.paths().isEmpty() ? "nothing" : String.join(", ", r.paths()));
            if (!r.workflows().isEmpty()) {
                line.append("; workflows ").append(String.join(", ", r.workflows()));
            }
            line.append("; merge method ").append(r.mergeMethod().wire());
            line.append(r.requiredChecks().isEmpty() ? "; merges need every check of the head to succeed"
                    : "; merges need checks " + String.join(", ", r.requiredChecks()));
            lines.add(line.toString());
        }
        return List.copyOf(lines);
    }
}
