package io.carapulse.tools.gitlab;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.carapulse.tools.git.ChangePaths;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds and checks the {@code gitlab} section of an environment from the raw map configuration gives
 * ({@code carapulse.environments.<env>.gitlab}, YAML keys in kebab-case):
 *
 * <pre>
 * gitlab:
 *   host: gitlab.example.com                  # optional, default gitlab.com
 *   api-url: https://gitlab.example.com/api/v4   # optional, default https://&lt;host&gt;/api/v4
 *   token: env:GITLAB_TOKEN                   # a project, group or personal access token reference
 *   max-file-bytes: 262144                    # optional, 1 … 524288
 *   repositories:
 *     - name: platform/deploy/web             # the project's full path
 *       bases: [main]                         # at least one
 *       paths: [helm/values/prod/]            # where changes may write: a directory (ending in '/') or a file
 *       pipeline-refs: [main]                 # refs pipeline-run may start a pipeline on
 *       merge-method: squash                  # merge | squash, or a list whose first is the default
 *       required-checks: [deploy-check]       # jobs of the head pipeline that must have passed
 * </pre>
 *
 * Each mistake is one problem naming its exact key, e.g.
 * {@code carapulse.environments.prod.gitlab.repositories[0].bases: …}; a pasted secret is never echoed.
 */
public final class GitlabInventoryValidation {

    /** {@code token: none}: no credential, anonymous reads ({@link GitlabInventory#anonymous()}). */
    static final String NONE = "none";
    static final Set<String> SECTION_KEYS = Set.of("host", "api-url", "token", "max-file-bytes", "repositories",
            "as-requester");
    static final Set<String> REPOSITORY_KEYS = Set.of("name", "bases", "paths", "pipeline-refs", "merge-method",
            "required-checks");
    /** What every GitLab REST API URL ends with. */
    static final String API_SUFFIX = "/api/v4";
    /** The largest {@code max-file-bytes}: a file's base64 must fit the CLI's output cap with room to spare. */
    static final int MAX_FILE_BYTES = 524_288;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*(:[0-9]{1,5})?");
    /** A CI job name as the inventory lists it: one line, no control characters. */
    private static final Pattern JOB = Pattern.compile("[^\\p{Cntrl}]{1,255}");

    private GitlabInventoryValidation() {
    }

    /**
     * Checks {@code raw} and builds the inventory from it.
     *
     * @param keyPrefix the section's key, e.g. {@code carapulse.environments.prod.gitlab}
     * @param raw       the section as configuration gives it; {@code null} or empty when absent
     * @param problems  receives one message per mistake, each starting with the exact key
     * @return the inventory, or empty when the section is absent or anything in it is wrong
     */
    public static Optional<GitlabInventory> validate(String keyPrefix, Map<String, Object> raw, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.size();
        RawSection s = RawSection.of(keyPrefix, raw, SECTION_KEYS, problems);
        String host = host(s, problems);
        URI apiUrl = apiUrl(s, host, problems);
        boolean anonymous = s.string("token").filter(NONE::equals).isPresent();
        Optional<SecretRef> token = anonymous ? Optional.empty() : token(s, problems);
        int maxFileBytes = maxFileBytes(s, problems);
        boolean asRequester = asRequester(s, problems);
        List<GitlabProject> projects = new ArrayList<>();
        List<Object> entries = s.list("repositories");
        if (entries.isEmpty()) {
            problems.add(s.key("repositories") + ": the gitlab section needs at least one repository, e.g. "
                    + "[{name: group/project, bases: [main], paths: [helm/values/prod/]}]");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            project(s.key("repositories") + "[" + i + "]", entries.get(i), names, problems).ifPresent(projects::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new GitlabInventory(host, apiUrl, anonymous ? null : token.orElseThrow(), maxFileBytes, projects,
                asRequester));
    }

    private static boolean asRequester(RawSection s, List<String> problems) {
        Optional<String> text = s.string("as-requester");
        if (text.isEmpty() || "false".equals(text.get())) {
            return false;
        }
        if (!"true".equals(text.get())) {
            problems.add(s.key("as-requester") + ": " + RawSection.shown(text.get()) + " is not true or false");
            return false;
        }
        return true;
    }

    private static String host(RawSection s, List<String> problems) {
        Optional<String> host = s.string("host");
        if (host.isEmpty()) {
            return "gitlab.com";
        }
        if (!HOST.matcher(host.get()).matches()) {
            problems.add(s.key("host") + ": " + RawSection.shown(host.get()) + " is not a host name such as gitlab.com "
                    + "or gitlab.example.com (no scheme, no path)");
            return "gitlab.com";
        }
        return host.get().toLowerCase(Locale.ROOT);
    }

    private static URI apiUrl(RawSection s, String host, List<String> problems) {
        Optional<String> text = s.string("api-url");
        URI fallback = URI.create("https://" + host + API_SUFFIX);
        if (text.isEmpty()) {
            return fallback;
        }
        String key = s.key("api-url");
        URI uri;
        try {
            uri = new URI(text.get().endsWith("/") ? text.get().substring(0, text.get().length() - 1) : text.get());
        } catch (URISyntaxException e) {
            problems.add(key + ": " + RawSection.shown(text.get()) + " is not a URL");
            return fallback;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(key + ": must be an https:// URL without credentials, query or fragment, e.g. https://"
                    + host + API_SUFFIX);
            return fallback;
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            problems.add(key + ": http:// is allowed only for a loopback address (the token would cross the network "
                    + "in clear); use https://");
            return fallback;
        }
        if (uri.getPath() == null || !uri.getPath().endsWith(API_SUFFIX)) {
            problems.add(key + ": must end with " + API_SUFFIX + ", e.g. https://" + host + API_SUFFIX);
            return fallback;
        }
        return uri;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve a name here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Optional<SecretRef> token(RawSection s, List<String> problems) {
        Optional<String> text = s.string("token");
        if (text.isEmpty()) {
            problems.add(s.key("token") + ": the gitlab section needs a token reference (a project, group or "
                    + "personal access token), e.g. env:GITLAB_TOKEN, file:/run/secrets/gitlab-token or integration:gitlab; or none"
                    + " for anonymous reads");
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(s.key("token"), text.get(), java.util.Set.of("gitlab")));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static int maxFileBytes(RawSection s, List<String> problems) {
        Optional<String> text = s.string("max-file-bytes");
        if (text.isEmpty()) {
            return GitlabInventory.DEFAULT_MAX_FILE_BYTES;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= 1 && value <= MAX_FILE_BYTES) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(s.key("max-file-bytes") + ": " + RawSection.shown(text.get()) + " is not a whole number of bytes "
                + "from 1 to " + MAX_FILE_BYTES);
        return GitlabInventory.DEFAULT_MAX_FILE_BYTES;
    }

    private static Optional<GitlabProject> project(String key, Object raw, Set<String> names, List<String> problems) {
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(key + ": must be a map of " + REPOSITORY_KEYS.stream().sorted().toList());
            return Optional.empty();
        }
        int before = problems.size();
        RawSection r = RawSection.of(key, raw, REPOSITORY_KEYS, problems);
        Optional<String> name = r.string("name");
        if (name.isEmpty()) {
            problems.add(r.key("name") + ": a repository needs the project's full path, e.g. group/project");
        } else {
            GitlabNames.projectProblem(name.get()).ifPresentOrElse(
                    p -> problems.add(r.key("name") + ": " + RawSection.shown(name.get()) + " " + p),
                    () -> {
                        if (!names.add(name.get())) {
                            problems.add(r.key("name") + ": the project '" + name.get() + "' is declared twice");
                        }
                    });
        }
        List<String> bases = refs(r, "bases", problems);
        if (bases.isEmpty() && r.raw("bases") == null) {
            problems.add(r.key("bases") + ": a repository needs at least one base branch, e.g. [main]");
        } else if (bases.isEmpty() && problems.size() == before) {
            problems.add(r.key("bases") + ": lists no branch; declare at least one");
        }
        List<String> paths = paths(r, problems);
        List<String> pipelineRefs = refs(r, "pipeline-refs", problems);
        List<GitlabProject.MergeMethod> methods = mergeMethods(r, problems);
        List<String> checks = checks(r, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new GitlabProject(name.orElseThrow(), bases, paths, pipelineRefs, methods, checks));
    }

    private static List<String> refs(RawSection r, String key, List<String> problems) {
        List<String> refs = new ArrayList<>();
        List<String> raw = r.strings(key);
        for (int i = 0; i < raw.size(); i++) {
            String ref = raw.get(i);
            Optional<String> problem = GitlabNames.refProblem(ref);
            if (problem.isPresent()) {
                problems.add(r.key(key) + "[" + i + "]: " + RawSection.shown(ref) + " " + problem.get());
            } else if (!refs.contains(ref)) {
                refs.add(ref);
            }
        }
        return refs;
    }

    private static List<String> paths(RawSection r, List<String> problems) {
        Set<String> paths = new LinkedHashSet<>();
        List<String> raw = r.strings("paths");
        for (int i = 0; i < raw.size(); i++) {
            String path = raw.get(i);
            String file = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            Optional<String> problem = ChangePaths.problem(file);
            if (problem.isPresent()) {
                problems.add(r.key("paths") + "[" + i + "]: " + problem.get() + " (a directory ending in '/', e.g. "
                        + "helm/values/prod/, or one file)");
            } else {
                paths.add(path);
            }
        }
        return List.copyOf(paths);
    }

    private static List<GitlabProject.MergeMethod> mergeMethods(RawSection r, List<String> problems) {
        List<GitlabProject.MergeMethod> methods = new ArrayList<>();
        for (String m : r.strings("merge-method")) {
            switch (m.toLowerCase(Locale.ROOT)) {
                case "merge" -> methods.add(GitlabProject.MergeMethod.MERGE);
                case "squash" -> methods.add(GitlabProject.MergeMethod.SQUASH);
                case "rebase" -> problems.add(r.key("merge-method") + ": 'rebase' is a GitLab project setting "
                        + "(fast-forward merges), not a choice of the merge call; use merge or squash");
                default -> problems.add(r.key("merge-method") + ": " + RawSection.shown(m) + " is not merge or squash");
            }
        }
        return methods.stream().distinct().toList();
    }

    private static List<String> checks(RawSection r, List<String> problems) {
        List<String> checks = new ArrayList<>();
        List<String> raw = r.strings("required-checks");
        for (int i = 0; i < raw.size(); i++) {
            if (JOB.matcher(raw.get(i)).matches()) {
                checks.add(raw.get(i));
            } else {
                problems.add(r.key("required-checks") + "[" + i + "]: is not a job name (one line, at most 255)");
            }
        }
        return checks;
    }
}
