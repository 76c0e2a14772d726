package io.carapulse.tools.github;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The GitHub family's view of one environment as written under {@code carapulse.environments.<name>}: only
 * its {@code github} block, raw values that {@link GitHubSection} validates at start-up
 * ({@link GitHubInventoryValidation}).
 *
 * @param name   the environment's name (the map key)
 * @param github the block, or null when the environment declares no GitHub
 */
@EachProperty("carapulse.environments")
public record GitHubProperties(@Parameter String name, @Nullable Github github) {

    /**
     * {@code carapulse.environments.<name>.github.*}, raw: scalars as text and nested blocks as maps, so
     * that every mistake is reported naming its key instead of failing the binding.
     *
     * @param host         {@code github.com} or a GitHub Enterprise Server host
     * @param apiUrl       the REST API's base URL when it is not the host's usual one
     * @param token        a secret reference to a token ({@code env:NAME}, {@code file:/path})
     * @param app          a GitHub App: {@code app-id}, {@code installation-id}, {@code private-key}
     * @param maxFileBytes the largest file a step may read or write
     * @param repositories the repositories: raw maps ({@code name}, {@code bases}, {@code paths},
     *                     {@code workflows}, {@code merge-method}, {@code required-checks})
     * @param asRequester  {@code true}: a call for a person with a GitHub connection acts as that person
     */
    @ConfigurationProperties("github")
    public record Github(
            @Nullable String host,
            @Nullable String apiUrl,
            @Nullable String token,
            @Nullable Map<String, Object> app,
            @Nullable String maxFileBytes,
            @Nullable List<Map<String, Object>> repositories,
            @Nullable String asRequester) {

        /** A block without {@code as-requester}. */
        public Github(String host, String apiUrl, String token, Map<String, Object> app, String maxFileBytes,
                      List<Map<String, Object>> repositories) {
            this(host, apiUrl, token, app, maxFileBytes, repositories, null);
        }
    }
}
