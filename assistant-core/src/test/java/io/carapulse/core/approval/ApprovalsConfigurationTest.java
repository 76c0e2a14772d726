package io.carapulse.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.auth.Role;
import io.carapulse.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code carapulse.approvals.*}: who may decide through a channel, by email, and the server's links. */
class ApprovalsConfigurationTest {

    private static ApprovalsConfiguration config(Map<String, List<String>> identities) {
        return new ApprovalsConfiguration(URI.create("https://carapulse.example.com/"), Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofMinutes(10), 262144, identities);
    }

    @Test
    void shouldBindEmailsWithDotsAsKeysFromYaml() throws java.io.IOException {
        String yaml = """
                carapulse:
                  approvals:
                    public-url: https://carapulse.example.com
                    identities:
                      alice.smith@example.com: [approver]
                      "Bob@Example.com": [approver, admin]
                """;
        Map<String, Object> properties = new YamlPropertySourceLoader()
                .read("approvals", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            ApprovalsConfiguration c = context.getBean(ApprovalsConfiguration.class);

            assertThat(c.rolesOf("alice.smith@example.com")).containsExactly(Role.APPROVER);
            assertThat(c.rolesOf("bob@example.com")).containsExactlyInAnyOrder(Role.APPROVER, Role.ADMIN);
            assertThat(c.knows("BOB@example.com")).isTrue();
            assertThat(c.knows("mallory@example.com")).isFalse();
            assertThat(c.dispatchInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldRefuseAnUnknownRoleOrSomethingThatIsNotAnEmail() {
        assertThatThrownBy(() -> config(Map.of("alice@example.com", List.of("boss"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.approvals.identities.alice@example.com: unknown role 'boss'");
        assertThatThrownBy(() -> config(Map.of("alice", List.of("approver"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'alice' is not an email address");
    }

    @Test
    void shouldLinkUnderThePublicUrlOrNotAtAll() {
        assertThat(config(Map.of()).link("/v1/plans/pln_1")).hasToString("https://carapulse.example.com/v1/plans/pln_1");
        assertThat(new ApprovalsConfiguration(null, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10),
                262144, null).link("/v1/plans/pln_1")).isNull();
    }

    @Test
    void shouldRefuseToStartWhenAnEnvironmentRoutesToAProviderThatIsNotConfigured() {
        Map<String, Object> properties = Map.of(
                "carapulse.environments.staging.approvals", "linear",
                "carapulse.environments.prod.approvals", "local,pagerduty",
                "carapulse.environments.prod.pagerduty.on-call-schedule", "PSCHED1");

        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
                context.getBean(ApprovalProviders.class);
            }
        }).hasStackTraceContaining("carapulse.environments.staging.approvals: 'linear' is not configured")
                .hasStackTraceContaining("carapulse.environments.prod.pagerduty: the on-call rule needs"
                        + " carapulse.approvals.pagerduty.api-token")
                .hasStackTraceContaining("carapulse.environments.prod.pagerduty.routing-key");
    }
}
