package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.approval.OnCallDirectory.OnCallTarget;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An environment's approval routing: which providers, and PagerDuty's on-call rule and paging. */
class ApprovalRoutingConfigTest {

    private static EnvironmentProperties env(String name, List<String> approvals,
                                             EnvironmentProperties.PagerDutyProperties pagerduty) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, true, List.of("admin"), Duration.ofHours(4), approvals, pagerduty);
    }

    private static Environment.Policy policy(EnvironmentProperties p) {
        return new EnvironmentCatalog(List.of(p)).find(p.name()).orElseThrow().policy();
    }

    @Test
    void shouldRouteTheThreeExampleEnvironments() {
        Environment.Policy dev = policy(env("dev", List.of("local"), null));
        Environment.Policy staging = policy(env("staging", List.of("linear"), null));
        Environment.Policy prod = policy(env("prod", List.of("linear", "pagerduty"),
                new EnvironmentProperties.PagerDutyProperties(null, "PESC42", "break-glass", "critical",
                        "env:PD_PROD_ROUTING_KEY")));

        assertThat(dev.routesTo("local")).isTrue();
        assertThat(dev.pagerDuty().onCall()).isEmpty();
        assertThat(staging.routesTo("linear")).isTrue();
        assertThat(staging.routesTo("local")).isFalse();
        assertThat(staging.pages(true)).isFalse();
        assertThat(prod.pagerDuty().onCall())
                .contains(new OnCallTarget(OnCallTarget.Kind.ESCALATION_POLICY, "PESC42"));
        assertThat(prod.pages(false)).isFalse();
        assertThat(prod.pages(true)).isTrue();
        assertThat(prod.pagerDuty().severity()).isEqualTo("critical");
        assertThat(prod.pagerDuty().routingKey()).map(SecretRef::toString).contains("env:PD_PROD_ROUTING_KEY");
    }

    @Test
    void shouldBindThePagerDutyBlockFromYaml() {
        String yaml = """
                carapulse:
                  environments:
                    prod:
                      approvals: [linear, pagerduty]
                      pagerduty:
                        on-call-schedule: PSCHED1
                        page: break-glass
                        severity: critical
                        routing-key: env:PD_PROD_ROUTING_KEY
                    staging:
                      approvals: [linear]
                """;
        Map<String, Object> map = new YamlPropertySourceLoader().read("t.yml", yaml.getBytes(StandardCharsets.UTF_8));
        try (ApplicationContext ctx = ApplicationContext.builder().propertySources(PropertySource.of("t.yml", map))
                .start()) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            Environment.Policy prod = catalog.find("prod").orElseThrow().policy();
            assertThat(prod.approvalProviders()).containsExactly("linear", "pagerduty");
            assertThat(prod.pagerDuty().onCall()).contains(new OnCallTarget(OnCallTarget.Kind.SCHEDULE, "PSCHED1"));
            assertThat(prod.pages(false)).isFalse();
            assertThat(prod.pages(true)).isTrue();
            assertThat(prod.pagerDuty().severity()).isEqualTo("critical");
            assertThat(catalog.find("staging").orElseThrow().policy().pagerDuty())
                    .isEqualTo(Environment.PagerDuty.NONE);
        }
    }

    @Test
    void shouldPageEveryRequestByDefault() {
        Environment.Policy p = policy(env("prod", List.of("linear", "pagerduty"),
                new EnvironmentProperties.PagerDutyProperties("PSCHED1", null, "always", "warning", null)));

        assertThat(p.pages(false)).isTrue();
        assertThat(p.pagerDuty().onCall()).contains(new OnCallTarget(OnCallTarget.Kind.SCHEDULE, "PSCHED1"));
    }

    @Test
    void shouldRefuseAnEnvironmentWhereNobodyCanDecide() {
        assertThatThrownBy(() -> policy(env("prod", List.of("pagerduty"), null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approvals: nobody could decide");
    }

    @Test
    void shouldRefuseAProviderListedTwice() {
        assertThatThrownBy(() -> policy(env("prod", List.of("linear", "linear"), null)))
                .hasMessageContaining("'linear' is listed twice");
    }

    @Test
    void shouldRefuseBothAScheduleAndAnEscalationPolicy() {
        assertThatThrownBy(() -> policy(env("prod", List.of("linear"),
                new EnvironmentProperties.PagerDutyProperties("PSCHED1", "PESC42", "always", "warning", null))))
                .hasMessageContaining("carapulse.environments.prod.pagerduty: set on-call-schedule or"
                        + " on-call-escalation-policy, not both");
    }

    @Test
    void shouldNameEveryBadPagerDutySettingInOneMessage() {
        assertThatThrownBy(() -> policy(env("prod", List.of("linear", "pagerduty"),
                new EnvironmentProperties.PagerDutyProperties("p-lower", null, "sometimes", "panic", "hunter2"))))
                .hasMessageContaining("carapulse.environments.prod.pagerduty.on-call-schedule: 'p-lower'")
                .hasMessageContaining("carapulse.environments.prod.pagerduty.page: 'sometimes'")
                .hasMessageContaining("carapulse.environments.prod.pagerduty.severity: 'panic'")
                .hasMessageContaining("carapulse.environments.prod.pagerduty.routing-key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void shouldRefusePagingSettingsWhereNothingPages() {
        assertThatThrownBy(() -> policy(env("staging", List.of("linear"),
                new EnvironmentProperties.PagerDutyProperties(null, null, "break-glass", "warning", null))))
                .hasMessageContaining("page and routing-key only matter when pagerduty is among");
    }
}
