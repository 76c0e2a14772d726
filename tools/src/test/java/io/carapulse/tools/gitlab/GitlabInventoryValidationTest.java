package io.carapulse.tools.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code gitlab} section is checked at start-up key by key: each mistake one problem naming its exact
 * key, unknown keys refused, a pasted token never echoed, and what steps may name (bases, refs, paths)
 * held to the same rules as the arguments.
 */
class GitlabInventoryValidationTest {

    static final String KEY = "carapulse.environments.prod.gitlab";

    private static Map<String, Object> section(Map<String, Object> repository) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("token", "env:GITLAB_TOKEN");
        raw.put("repositories", List.of(repository));
        return raw;
    }

    private static List<String> problems(Map<String, Object> raw) {
        List<String> problems = new ArrayList<>();
        Optional<GitlabInventory> inventory = GitlabInventoryValidation.validate(KEY, raw, problems);
        assertThat(inventory.isEmpty()).as("an inventory with problems " + problems).isEqualTo(!problems.isEmpty());
        return problems;
    }

    @Test
    void shouldBuildTheInventoryWithItsDefaults() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> repo = new LinkedHashMap<>(Map.of("name", "platform/deploy/web", "bases", List.of("main")));
        GitlabInventory inventory = GitlabInventoryValidation.validate(KEY, section(repo), problems).orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(inventory.host()).isEqualTo("gitlab.com");
        assertThat(inventory.apiUrl()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(inventory.baseUrl()).isEqualTo("https://gitlab.com");
        assertThat(inventory.maxFileBytes()).isEqualTo(262_144);
        GitlabProject p = inventory.project("platform/deploy/web").orElseThrow();
        assertThat(p.mergeMethods()).containsExactly(GitlabProject.MergeMethod.MERGE);
        assertThat(p.paths()).isEmpty();
        assertThat(inventory.describe()).containsExactly("GitLab project gitlab.com/platform/deploy/web: bases main; "
                + "changes may write nothing; merges by merge");
        assertThat(inventory.describe().toString()).doesNotContain("GITLAB_TOKEN");
    }

    @Test
    void shouldDescribeWhatStepsMayDoWithoutTheToken() {
        GitlabInventory inventory = GitlabInventoryValidation.validate(KEY, Map.of("host", "gitlab.example.com",
                "token", "file:/run/secrets/gitlab", "max-file-bytes", "65536",
                "repositories", List.of(GitlabWorld.webProject())), new ArrayList<>()).orElseThrow();

        assertThat(inventory.apiUrl()).isEqualTo(URI.create("https://gitlab.example.com/api/v4"));
        assertThat(inventory.maxFileBytes()).isEqualTo(65_536);
        assertThat(inventory.describe()).containsExactly("GitLab project gitlab.example.com/platform/deploy/web: bases "
                + "main; changes may write under helm/values/prod/; pipelines may run on main, deploy; merges by "
                + "squash|merge once these jobs passed: deploy-check");
    }

    @Test
    void shouldNameTheExactKeyOfEveryMistake() {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("name", "web");
        repo.put("bases", List.of("-main", "release..1"));
        repo.put("paths", List.of("../etc/", "/abs/", "helm/values/prod/"));
        repo.put("pipeline-refs", List.of("main"));
        repo.put("merge-method", "rebase");
        repo.put("branches", List.of("x"));
        Map<String, Object> raw = section(repo);
        raw.put("api-url", "http://gitlab.example.com/api/v4");
        raw.put("max-file-bytes", "10485760");
        raw.put("host", "https://gitlab.example.com");
        List<String> problems = problems(raw);

        String r = KEY + ".repositories[0]";
        assertThat(problems).anyMatch(p -> p.startsWith(r + ".branches: unknown key"))
                .anyMatch(p -> p.startsWith(r + ".name: 'web' is not a GitLab project path"))
                .anyMatch(p -> p.startsWith(r + ".bases[0]: '-main' is not a branch or tag name"))
                .anyMatch(p -> p.startsWith(r + ".bases[1]: 'release..1' is not a valid git ref name"))
                .anyMatch(p -> p.startsWith(r + ".paths[0]: path '../etc' contains '..'"))
                .anyMatch(p -> p.startsWith(r + ".paths[1]: path '/abs' is absolute"))
                .anyMatch(p -> p.startsWith(r + ".merge-method: 'rebase' is a GitLab project setting"))
                .anyMatch(p -> p.startsWith(KEY + ".api-url: http:// is allowed only for a loopback address"))
                .anyMatch(p -> p.startsWith(KEY + ".max-file-bytes: '10485760' is not a whole number of bytes from 1 to"))
                .anyMatch(p -> p.startsWith(KEY + ".host: 'https://gitlab.example.com' is not a host name"))
                .hasSize(10);
    }

    @Test
    void shouldRefuseAMissingTokenAPastedOneAndOtherCredentials() {
        Map<String, Object> repo = Map.of("name", "platform/web", "bases", List.of("main"));
        Map<String, Object> raw = new LinkedHashMap<>(section(repo));
        raw.remove("token");
        assertThat(problems(raw)).containsExactly(KEY + ".token: the gitlab section needs a token reference (a project, "
                + "group or personal access token), e.g. env:GITLAB_TOKEN, file:/run/secrets/gitlab-token or integration:gitlab; "
                + "or none for anonymous reads");

        raw.put("token", "glpat-AbCdEf1234567890XyZ_12");
        List<String> pasted = problems(raw);
        assertThat(pasted).singleElement().asString().startsWith(KEY + ".token: the value (28 characters, not shown) is not a secret reference");
        assertThat(pasted.toString()).doesNotContain("glpat-");

        raw.put("token", "env:GITLAB_TOKEN");
        raw.put("app-id", "12345");
        assertThat(problems(raw)).singleElement().asString().startsWith(KEY + ".app-id: unknown key; GitLab takes one "
                + "credential, a token reference");
    }

    @Test
    void shouldRefuseDuplicateProjectsAndAnEmptyList() {
        Map<String, Object> repo = Map.of("name", "platform/web", "bases", List.of("main"));
        Map<String, Object> raw = new LinkedHashMap<>(section(repo));
        raw.put("repositories", List.of(repo, repo));
        assertThat(problems(raw)).containsExactly(KEY + ".repositories[1].name: the project 'platform/web' is declared twice");

        raw.put("repositories", List.of());
        assertThat(problems(raw)).singleElement().asString().startsWith(KEY + ".repositories: the gitlab section needs "
                + "at least one repository");

        raw.put("repositories", List.of(Map.of("name", "platform/web")));
        assertThat(problems(raw)).containsExactly(KEY + ".repositories[0].bases: a repository needs at least one base "
                + "branch, e.g. [main]");
    }

    @Test
    void shouldAcceptALoopbackHttpApiForTestsAndRequireTheV4Suffix() {
        Map<String, Object> raw = section(Map.of("name", "platform/web", "bases", List.of("main")));
        raw.put("api-url", "http://127.0.0.1:8089/api/v4/");
        assertThat(problems(raw)).isEmpty();
        raw.put("api-url", "https://gitlab.example.com/api");
        assertThat(problems(raw)).containsExactly(KEY + ".api-url: must end with /api/v4, e.g. https://gitlab.com/api/v4");
    }
}
