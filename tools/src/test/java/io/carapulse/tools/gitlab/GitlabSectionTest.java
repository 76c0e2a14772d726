package io.carapulse.tools.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code gitlab} section as the server binds it: from YAML, into the environment's inventory with the
 * adapter wired; a key under it that nothing reads, or a mistake in it, stops the start naming the key.
 */
class GitlabSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheSectionFromYamlAndWireTheAdapter() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  console:
                    public-url: https://carapulse.example.com/
                  environments:
                    prod:
                      gitlab:
                        host: gitlab.example.com
                        token: env:GITLAB_TOKEN
                        max-file-bytes: 65536
                        repositories:
                          - name: platform/deploy/web
                            bases: [main]
                            paths: [helm/values/prod/]
                            pipeline-refs: [deploy]
                            merge-method: squash
                            required-checks: [deploy-check]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            GitlabInventory gitlab = catalog.find("prod").flatMap(e -> e.inventory().part(GitlabInventory.class))
                    .orElseThrow();
            assertThat(gitlab.maxFileBytes()).isEqualTo(65_536);
            GitlabProject web = gitlab.project("platform/deploy/web").orElseThrow();
            assertThat(web.mergeMethods()).containsExactly(GitlabProject.MergeMethod.SQUASH);
            assertThat(web.requiredChecks()).containsExactly("deploy-check");
            Environment dev = catalog.find("dev").orElseThrow();
            assertThat(dev.inventory().part(GitlabInventory.class)).isEmpty();
            assertThat(ctx.getBean(GitlabAdapter.class).actions()).hasSize(10);
            assertThat(ctx.getBean(GitlabRuntime.class).publicUrl()).hasValue("https://carapulse.example.com");
        }
    }

    @Test
    void shouldStopTheStartNamingAnUnknownKeyAndEveryMistake() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      gitlab:
                        token: env:GITLAB_TOKEN
                        repositries:
                          - name: platform/web
                """).getBean(EnvironmentCatalog.class));

        assertThat(refused).hasStackTraceContaining("carapulse.environments.prod.gitlab.repositries: unknown key")
                .hasStackTraceContaining("carapulse.environments.prod.gitlab.repositories: the gitlab section needs at "
                        + "least one repository");
    }
}
