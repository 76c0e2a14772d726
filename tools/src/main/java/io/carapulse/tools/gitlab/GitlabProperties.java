package io.carapulse.tools.gitlab;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The GitLab family's view of one environment as written under {@code carapulse.environments.<name>}:
 * only its {@code gitlab} block, raw values that {@link GitlabSection} validates at start-up
 * ({@link GitlabInventoryValidation}).
 *
 * @param name   the environment's name (the map key)
 * @param gitlab the block, or null when the environment declares no GitLab
 */
@EachProperty("carapulse.environments")
public record GitlabProperties(@Parameter String name, @Nullable Gitlab gitlab) {

    /**
     * {@code carapulse.environments.<name>.gitlab.*}, as written (checked by {@link GitlabInventoryValidation}).
     *
     * @param host         the instance's host name
     * @param apiUrl       the REST API's base URL
     * @param token        a secret reference ({@code env:NAME}, {@code file:/path}), never the token
     * @param maxFileBytes the size limit of a file, as written
     * @param repositories the projects: raw maps ({@code name}, {@code bases}, {@code paths},
     *                     {@code pipeline-refs}, {@code merge-method}, {@code required-checks}), because
     *                     Micronaut does not bind a list of records here
     */
    @ConfigurationProperties("gitlab")
    public record Gitlab(
            @Nullable String host,
            @Nullable String apiUrl,
            @Nullable String token,
            @Nullable String maxFileBytes,
            @Nullable List<Map<String, Object>> repositories,
            @Nullable String asRequester) {

        /** A block without {@code as-requester}. */
        public Gitlab(String host, String apiUrl, String token, String maxFileBytes, List<Map<String, Object>> repositories) {
            this(host, apiUrl, token, maxFileBytes, repositories, null);
        }
    }
}
