package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the GitHub host, credentials and repositories an environment declares under {@code github}, bound from YAML. */
class GitHubSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheHostCredentialsAndRepositoriesOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      github:
                        host: github.example.com
                        app:
                          app-id: 123456
                          installation-id: 7890123
                          private-key: file:/etc/carapulse/github-app.pem
                        max-file-bytes: 65536
                        repositories:
                          - name: acme/web
                            bases: [main, release]
                            paths: [helm/values/prod/, README.md]
                            workflows: [deploy.yml]
                            merge-method: [squash, merge]
                            required-checks: [build, "test (ubuntu)"]
                          - name: acme/infra
                            bases: main
                    staging:
                      github:
                        token: env:GITHUB_TOKEN
                        repositories:
                          - name: acme/web
                            bases: [main]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            GitHubInventory prod = catalog.find("prod").orElseThrow().inventory().part(GitHubInventory.class).orElseThrow();
            assertThat(prod.host()).isEqualTo("github.example.com");
            assertThat(prod.apiUrl()).hasToString("https://github.example.com/api/v3");
            assertThat(prod.credentials()).isInstanceOfSatisfying(GitHubCredentials.App.class, a -> {
                assertThat(a.appId()).isEqualTo(123456);
                assertThat(a.installationId()).isEqualTo(7890123);
                assertThat(a.privateKey()).hasToString("file:/etc/carapulse/github-app.pem");
            });
            assertThat(prod.maxFileBytes()).isEqualTo(65536);
            GitHubRepository web = prod.repository("acme/web").orElseThrow();
            assertThat(web.bases()).containsExactly("main", "release");
            assertThat(web.paths()).containsExactly("helm/values/prod/", "README.md");
            assertThat(web.workflows()).containsExactly("deploy.yml");
            assertThat(web.mergeMethod()).isEqualTo(MergeMethod.SQUASH);
            assertThat(web.mergeMethods()).containsExactly(MergeMethod.SQUASH, MergeMethod.MERGE);
            assertThat(web.requiredChecks()).containsExactly("build", "test (ubuntu)");
            GitHubRepository infra = prod.repository("acme/infra").orElseThrow();
            assertThat(infra.bases()).containsExactly("main");
            assertThat(infra.paths()).isEmpty();
            assertThat(infra.mergeMethod()).isEqualTo(MergeMethod.MERGE);
            assertThat(prod.describe()).contains("GitHub repository acme/web on github.example.com: bases main, release; "
                    + "changes may write helm/values/prod/, README.md; workflows deploy.yml; merge method squash; "
                    + "merges need checks build, test (ubuntu)");
            assertThat(String.join("\n", prod.describe())).doesNotContain("pem", "123456", "7890123");

            GitHubInventory staging = catalog.find("staging").orElseThrow().inventory().part(GitHubInventory.class)
                    .orElseThrow();
            assertThat(staging.host()).isEqualTo("github.com");
            assertThat(staging.apiUrl()).hasToString("https://api.github.com");
            assertThat(staging.maxFileBytes()).isEqualTo(262144);
            assertThat(staging.credentials()).isEqualTo(new GitHubCredentials.Token(
                    io.carapulse.config.SecretRef.parse("k", "env:GITHUB_TOKEN")));
            assertThat(catalog.find("dev").orElseThrow().inventory().part(GitHubInventory.class)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartNamingEachBadKeyExactly() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      github:
                        token: ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
                        repositorys: []
                        max-file-bytes: 99999999
                        repositories:
                          - name: acme
                            bases: [main..x]
                            paths: [../etc/, /abs]
                            workflows: [deploy.sh]
                            merge-method: fast-forward
                    staging:
                      github:
                        app:
                          app-id: abc
                          installation-id: 7
                          private-key-pem: "-----BEGIN RSA PRIVATE KEY-----"
                        repositories:
                          - name: acme/web
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.github.token: the value (40 characters, not shown) "
                        + "is not a secret reference")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositorys: unknown key")
                .hasStackTraceContaining("carapulse.environments.prod.github.max-file-bytes: '99999999' must be a number "
                        + "of bytes from 1 to 524288")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].name: 'acme' is not owner/name")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].bases: 'main..x' is not a "
                        + "valid branch name")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].paths: '../etc/' has an "
                        + "empty, '.', '..' or '.git' segment")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].paths: '/abs' is not a "
                        + "relative path prefix")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].workflows: 'deploy.sh' is "
                        + "not a workflow file name")
                .hasStackTraceContaining("carapulse.environments.prod.github.repositories[0].merge-method: "
                        + "'fast-forward' is not one of merge, squash, rebase")
                .hasStackTraceContaining("carapulse.environments.staging.github.app.app-id: 'abc' is not a positive number")
                .hasStackTraceContaining("carapulse.environments.staging.github.app.private-key-pem: unknown key; the "
                        + "inventory holds only references to secrets")
                .hasStackTraceContaining("carapulse.environments.staging.github.repositories[0].bases: a repository "
                        + "needs at least one base branch");
        assertThat(refused.toString() + String.valueOf(refused.getCause())).doesNotContain("AbCdEfGhIjKl");
    }

    @Test
    void shouldTakeAsRequesterAsTrueOrFalseOnly() {
        Throwable yes = catchThrowable(() -> start("""
                carapulse.environments.prod.github:
                  token: env:GITHUB_TOKEN
                  as-requester: yes-please
                  repositories:
                    - name: acme/web
                      bases: [main]
                """).getBean(EnvironmentCatalog.class));
        assertThat(yes).hasStackTraceContaining("carapulse.environments.prod.github.as-requester: 'yes-please' is not true "
                + "or false");
        EnvironmentCatalog on = start("""
                carapulse.environments.prod.github:
                  token: integration:github
                  as-requester: true
                  repositories:
                    - name: acme/web
                      bases: [main]
                """).getBean(EnvironmentCatalog.class);
        assertThat(on.find("prod").flatMap(e -> e.inventory().part(GitHubInventory.class)).orElseThrow().asRequester())
                .isTrue();
    }

    @Test
    void shouldRefuseASectionWithoutCredentialsOrWithBoth() {
        Throwable none = catchThrowable(() -> start("""
                carapulse.environments.prod.github.repositories:
                  - name: acme/web
                    bases: [main]
                """).getBean(EnvironmentCatalog.class));
        assertThat(none).hasStackTraceContaining("carapulse.environments.prod.github.token: the github section needs "
                + "credentials: token: env:NAME (or file:/path, or integration:github, or none for anonymous reads), or app:");
        Throwable both = catchThrowable(() -> start("""
                carapulse.environments.prod.github:
                  token: env:GITHUB_TOKEN
                  app: {app-id: 1, installation-id: 2, private-key: "file:/k.pem"}
                  repositories: [{name: acme/web, bases: [main]}]
                """).getBean(EnvironmentCatalog.class));
        assertThat(both).hasStackTraceContaining("carapulse.environments.prod.github.token: give either token or app, "
                + "not both");
    }
}
