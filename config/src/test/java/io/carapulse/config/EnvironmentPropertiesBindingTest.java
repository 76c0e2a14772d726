package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.auth.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code @EachProperty} record binds kebab-case YAML, with its {@code @Bindable} defaults. */
class EnvironmentPropertiesBindingTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindKebabCaseKeysAndFillInDefaults() {
        String yaml = """
                carapulse:
                  environments:
                    dev:
                      description: laptops
                      self-approval: true
                      approval-ttl: 2h
                    prod:
                      approve-roles: [approver, admin]
                      break-glass-allowed: true
                      break-glass-roles: [admin]
                """;
        try (ApplicationContext ctx = start(yaml)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);

            assertThat(catalog.all()).extracting(Environment::name).containsExactly("dev", "prod");
            Environment.Policy dev = catalog.find("dev").orElseThrow().policy();
            assertThat(catalog.find("dev").orElseThrow().description()).isEqualTo("laptops");
            assertThat(dev.selfApproval()).isTrue();
            assertThat(dev.approvalTtl()).isEqualTo(Duration.ofHours(2));
            assertThat(dev.requestRoles()).containsExactly(Role.OPERATOR);
            assertThat(dev.approvalProviders()).containsExactly("local");

            Environment.Policy prod = catalog.find("prod").orElseThrow().policy();
            assertThat(prod.selfApproval()).isFalse();
            assertThat(prod.approvalTtl()).isEqualTo(Duration.ofHours(24));
            assertThat(prod.requestRoles()).containsExactly(Role.OPERATOR);
            assertThat(prod.executeRoles()).containsExactly(Role.OPERATOR);
            assertThat(prod.approveRoles()).containsExactlyInAnyOrder(Role.APPROVER, Role.ADMIN);
            assertThat(prod.breakGlassAllowed()).isTrue();
            assertThat(prod.breakGlassRoles()).containsExactly(Role.ADMIN);
        }
    }

    @Test
    void shouldBindFlatPropertiesTheSameWay() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "carapulse.environments.dev-eu.self-approval", true,
                "carapulse.environments.dev-eu.request-roles", "operator,approver"))) {
            Environment.Policy p = ctx.getBean(EnvironmentCatalog.class).find("dev-eu").orElseThrow().policy();

            assertThat(p.selfApproval()).isTrue();
            assertThat(p.requestRoles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.APPROVER);
            assertThat(p.approvalTtl()).isEqualTo(Duration.ofHours(24));
        }
    }

    @Test
    void shouldRefuseToStartWithAnInvalidEnvironmentNamingTheKey() {
        assertThatThrownBy(() -> start("""
                carapulse:
                  environments:
                    prod:
                      approve-roles: [aprover]
                """).close())
                .hasStackTraceContaining("carapulse.environments.prod.approve-roles: unknown role 'aprover'");
    }

    @Test
    void shouldRefuseAKeyUnderAnEnvironmentThatNothingReadsNamingIt() {
        assertThatThrownBy(() -> start("""
                carapulse:
                  environments:
                    prod:
                      aprove-roles: [approver]
                      kubernetes:
                        namespaces: [web]
                """).close())
                .hasStackTraceContaining("carapulse.environments.prod.aprove-roles: unknown key (known: [approval-ttl, "
                        + "approvals, approve-roles, break-glass-allowed, break-glass-roles, capabilities, description, execute-roles, "
                        + "guard-rails, pagerduty, request-roles, self-approval])")
                .as("without a tool family, nothing reads its section")
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes: unknown key");
        assertThatThrownBy(() -> ApplicationContext.builder().args("--carapulse.environments.dev.self-aproval=true")
                .start().close())
                .hasStackTraceContaining("carapulse.environments.dev.self-aproval: unknown key");
    }

    @Test
    void shouldAcceptCamelCaseKeysAndNotGuessWhereAnEnvironmentVariableSplits() {
        Map<String, Object> yaml = new YamlPropertySourceLoader().read("test.yml", """
                carapulse:
                  environments:
                    dev-eu:
                      selfApproval: true
                      approveRoles: [approver, admin]
                """.getBytes(StandardCharsets.UTF_8));
        // DEV_EU_SELF_APPROVAL also reads as environment "dev" with a key "eu": not a typo to refuse
        Map<String, Object> variables = Map.of("CARAPULSE_ENVIRONMENTS_DEV_EU_SELF_APPROVAL", "false");
        try (ApplicationContext ctx = ApplicationContext.builder().propertySources(PropertySource.of("test.yml", yaml),
                PropertySource.of("env", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).start()) {
            Environment.Policy devEu = ctx.getBean(EnvironmentCatalog.class).find("dev-eu").orElseThrow().policy();

            assertThat(devEu.selfApproval()).as("the variable overrides the file").isFalse();
            assertThat(devEu.approveRoles()).containsExactlyInAnyOrder(Role.APPROVER, Role.ADMIN);
        }
    }
}
