package io.carapulse.tools.github;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds and checks the {@code github} section of an environment from the raw map configuration gives
 * ({@code carapulse.environments.<env>.github}, YAML keys in kebab-case):
 *
 * <pre>
 * github:
 *   host: github.com                      # default; or a GitHub Enterprise Server host
 *   api-url: https://ghe.internal/api/v3  # optional; default https://api.github.com or https://&lt;host&gt;/api/v3
 *   token: env:GITHUB_TOKEN               # a secret reference, or:
 *   app:
 *     app-id: 123456
 *     installation-id: 7890123
 *     private-key: file:/etc/carapulse/github-app.pem
 *   max-file-bytes: 262144                # default
 *   as-requester: false                   # default; true: a person's own GitHub connection acts for them
 *   repositories:
 *     - name: acme/web
 *       bases: [main]
 *       paths: [helm/values/prod/]
 *       workflows: [deploy.yml]
 *       merge-method: squash              # or a list: the first is the default, the others allowed
 *       required-checks: [build, test]    # optional; default every check of the head
 * </pre>
 *
 * Each mistake is one problem naming its exact key; a pasted secret is never echoed.
 */
public final class GitHubInventoryValidation {

    /** {@code token: none}: no credential, anonymous reads ({@link GitHubCredentials.Anonymous}). */
    static final String NONE = "none";
    static final Set<String> SECTION_KEYS = Set.of("host", "api-url", "token", "app", "max-file-bytes", "repositories",
            "as-requester");
    static final Set<String> APP_KEYS = Set.of("app-id", "installation-id", "private-key");
    static final Set<String> REPOSITORY_KEYS = Set.of("name", "bases", "paths", "workflows", "merge-method",
            "required-checks");

    /** {@code github.com} or a GitHub Enterprise Server host name, with an optional port. */
    static final Pattern HOST = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
    /**
     * The largest {@code max-file-bytes}, 512 KiB: a file travels base64-encoded in a JSON answer, which must stay
     * under the 1 MiB a CLI's output is kept to (GitHub's contents API itself returns up to 1 MB inline).
     */
    static final int MAX_FILE_BYTES_LIMIT = 524_288;

    private GitHubInventoryValidation() {
    }

    /**
     * Checks {@code raw} and builds the inventory from it.
     *
     * @param keyPrefix the section's key, e.g. {@code carapulse.environments.prod.github}
     * @param raw       the section as configuration gives it; {@code null} or empty when absent
     * @param problems  receives one message per mistake, each starting with the exact key
     * @return the inventory, or empty when the section is absent or anything in it is wrong
     */
    public static Optional<GitHubInventory> validate(String keyPrefix, Map<String, Object> raw, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.size();
        GitHubRaw section = GitHubRaw.of(keyPrefix, raw, SECTION_KEYS, problems);
        String host = host(section, problems);
        URI apiUrl = apiUrl(section, host, problems);
        Optional<GitHubCredentials> credentials = credentials(section, problems);
        int maxFileBytes = maxFileBytes(section, problems);
        boolean asRequester = asRequester(section, problems);
        List<GitHubRepository> repositories = new ArrayList<>();
        List<Object> entries = section.list("repositories");
        if (entries.isEmpty() && !(section.raw("repositories") instanceof Map<?, ?>)) {
            problems.add(section.key("repositories") + ": the github section needs at least one repository, e.g. "
                    + "[{name: acme/web, bases: [main], paths: [helm/values/prod/]}]");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            GitHubRepositoryValidation.repository(section.key("repositories") + "[" + i + "]", entries.get(i), names,
                    problems).ifPresent(repositories::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new GitHubInventory(host, apiUrl, credentials.orElseThrow(), maxFileBytes, repositories,
                asRequester));
    }

    private static boolean asRequester(GitHubRaw section, List<String> problems) {
        Optional<String> text = section.string("as-requester");
        if (text.isEmpty() || "false".equals(text.get())) {
            return false;
        }
        if (!"true".equals(text.get())) {
            problems.add(section.key("as-requester") + ": " + GitHubRaw.shown(text.get()) + " is not true or false");
            return false;
        }
        return true;
    }

    private static String host(GitHubRaw section, List<String> problems) {
        String host = section.string("host").map(h -> h.toLowerCase(Locale.ROOT)).orElse("github.com");
        if (!HOST.matcher(host).matches() || host.contains("..")) {
            problems.add(section.key("host") + ": " + GitHubRaw.shown(host) + " is not a host name (github.com, or a "
                    + "GitHub Enterprise Server host such as github.example.com); a URL belongs in api-url");
        }
        return host;
    }

    private static URI apiUrl(GitHubRaw section, String host, List<String> problems) {
        Optional<String> text = section.string("api-url");
        if (text.isEmpty()) {
            return URI.create("github.com".equals(host) ? "https://api.github.com" : "https://" + host + "/api/v3");
        }
        String key = section.key("api-url");
        try {
            URI uri = new URI(text.get().replaceAll("/+$", ""));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(key + ": " + GitHubRaw.shown(text.get()) + " must be an http(s) URL without credentials, "
                        + "query or fragment, e.g. https://github.example.com/api/v3");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + ": " + GitHubRaw.shown(text.get()) + " is not a URL");
            return null;
        }
    }

    private static Optional<GitHubCredentials> credentials(GitHubRaw section, List<String> problems) {
        boolean token = section.has("token");
        boolean app = section.has("app");
        if (token == app) {
            problems.add(section.key("token") + ": " + (token ? "give either token or app, not both"
                    : "the github section needs credentials: token: env:NAME (or file:/path, or integration:github, or none for anonymous reads), or app: {app-id, "
                    + "installation-id, private-key: file:/path}"));
            return Optional.empty();
        }
        if (token) {
            Optional<String> text = section.string("token");
            if (text.filter(NONE::equals).isPresent()) {
                return Optional.of(new GitHubCredentials.Anonymous());
            }
            return text.flatMap(t -> InventoryChecks.secret(section.key("token"), t, java.util.Set.of("github"), problems))
                    .map(GitHubCredentials.Token::new);
        }
        if (!(section.raw("app") instanceof Map<?, ?>)) {
            problems.add(section.key("app") + ": must be a map of " + APP_KEYS.stream().sorted().toList());
            return Optional.empty();
        }
        int before = problems.size();
        GitHubRaw a = GitHubRaw.of(section.key("app"), section.raw("app"), APP_KEYS, problems);
        long appId = positive(a, "app-id", "the GitHub App's id (a number, the app's settings page shows it)", problems);
        long installationId = positive(a, "installation-id",
                "the id of the app's installation on the repositories' owner (a number)", problems);
        Optional<SecretRef> key = a.string("private-key").flatMap(k -> InventoryChecks.secret(a.key("private-key"), k,
                problems));
        if (key.isEmpty() && problems.size() == before) {
            problems.add(a.key("private-key") + ": the app needs a reference to its private key, e.g. "
                    + "file:/etc/carapulse/github-app.pem");
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new GitHubCredentials.App(appId, installationId, key.orElseThrow()));
    }

    private static long positive(GitHubRaw a, String name, String what, List<String> problems) {
        Optional<String> text = a.string(name);
        if (text.isEmpty()) {
            problems.add(a.key(name) + ": required: " + what);
            return 0;
        }
        if (!text.get().matches("[1-9][0-9]{0,17}")) {
            problems.add(a.key(name) + ": " + GitHubRaw.shown(text.get()) + " is not a positive number");
            return 0;
        }
        return Long.parseLong(text.get());
    }

    private static int maxFileBytes(GitHubRaw section, List<String> problems) {
        Optional<String> text = section.string("max-file-bytes");
        if (text.isEmpty()) {
            return GitHubInventory.DEFAULT_MAX_FILE_BYTES;
        }
        if (!text.get().matches("[0-9]{1,9}") || Integer.parseInt(text.get()) < 1
                || Integer.parseInt(text.get()) > MAX_FILE_BYTES_LIMIT) {
            problems.add(section.key("max-file-bytes") + ": " + GitHubRaw.shown(text.get()) + " must be a number of "
                    + "bytes from 1 to " + MAX_FILE_BYTES_LIMIT);
            return GitHubInventory.DEFAULT_MAX_FILE_BYTES;
        }
        return Integer.parseInt(text.get());
    }
}
