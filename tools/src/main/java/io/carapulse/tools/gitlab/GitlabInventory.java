package io.carapulse.tools.gitlab;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code gitlab} section of an environment (S6): the GitLab instance, the token its calls use and the
 * projects its steps may touch. Built only by {@link GitlabInventoryValidation#validate}, so every
 * instance was checked key by key.
 *
 * @param host         the instance's host, e.g. {@code gitlab.com} (what {@code glab} gets as {@code GITLAB_HOST})
 * @param apiUrl       the REST API's base, ending in {@code /api/v4}
 * @param token        where the access token lives; resolved only when a call needs it, never stored; null for
 *                     {@code token: none} (the seeds' {@code none} auth mode: anonymous reads, {@link #anonymous()})
 * @param maxFileBytes the largest file {@code file-get} and {@code propose-change} read or write
 * @param projects     the projects, by unique path, in declaration order
 */
public record GitlabInventory(String host, URI apiUrl, SecretRef token, int maxFileBytes,
                              List<GitlabProject> projects, boolean asRequester) implements InventoryPart {

    /** The size limit of a file when the section sets none: 256 KiB. */
    public static final int DEFAULT_MAX_FILE_BYTES = 262_144;

    public GitlabInventory {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiUrl, "apiUrl");
        projects = List.copyOf(projects);
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("a gitlab section needs at least one repository");
        }
    }

    @Override
    public List<SecretRef> brokerReferences() {
        return token != null && token.isIntegration() ? List.of(token) : List.of();
    }

    /**
     * Whether calls go without a credential ({@code token: none}): GitLab answers them for public projects only.
     * Only reads; through the REST API only ({@code glab} needs a login).
     */
    public boolean anonymous() {
        return token == null;
    }

    /** A section whose calls all use its own token. */
    public GitlabInventory(String host, URI apiUrl, SecretRef token, int maxFileBytes, List<GitlabProject> projects) {
        this(host, apiUrl, token, maxFileBytes, projects, false);
    }

    /** The project at {@code path}, if the environment declares it. */
    public Optional<GitlabProject> project(String path) {
        return projects.stream().filter(p -> p.name().equals(path)).findFirst();
    }

    /**
     * The instance's web address: the API URL without {@code /api/v4} ({@code https://gitlab.com}), what
     * {@code glab} is pointed at and what the SDK is built with.
     */
    public String baseUrl() {
        String url = apiUrl.toString();
        return url.substring(0, url.length() - GitlabInventoryValidation.API_SUFFIX.length());
    }

    /** One line per project: its bases, the paths changes may write, pipelines, merge method; never the token. */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (GitlabProject p : projects) {
            StringBuilder line = new StringBuilder("GitLab project " + host + "/" + p.name() + ": bases "
                    + String.join(", ", p.bases()));
            line.append(p.paths().isEmpty() ? "; changes may write nothing"
                    : "; changes may write under " + String.join(", ", p.paths()));
            if (!p.pipelineRefs().isEmpty()) {
                line.append("; pipelines may run on ").append(String.join(", ", p.pipelineRefs()));
            }
            line.append("; merges by ").append(String.join("|", p.mergeMethods().stream()
                    .map(m -> m.name().toLowerCase(Locale.ROOT)).toList()));
            if (!p.requiredChecks().isEmpty()) {
                line.append(" once these jobs passed: ").append(String.join(", ", p.requiredChecks()));
            }
            lines.add(line.toString());
        }
        return List.copyOf(lines);
    }
}
