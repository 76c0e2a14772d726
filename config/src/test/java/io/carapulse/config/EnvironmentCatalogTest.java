package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.auth.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Start-up validation of environments: one message, every problem, the key to fix. */
class EnvironmentCatalogTest {

    /** An environment as the {@code @Bindable} defaults would bind it. */
    private static EnvironmentProperties defaults(String name) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"), null);
    }

    private static EnvironmentProperties withApproveRoles(String name, List<String> roles) {
        EnvironmentProperties d = defaults(name);
        return new EnvironmentProperties(name, d.description(), d.requestRoles(), roles, d.executeRoles(),
                d.selfApproval(), d.breakGlassAllowed(), d.breakGlassRoles(), d.approvalTtl(), d.approvals(), null);
    }

    private static EnvironmentProperties withTtl(String name, Duration ttl) {
        EnvironmentProperties d = defaults(name);
        return new EnvironmentProperties(name, d.description(), d.requestRoles(), d.approveRoles(), d.executeRoles(),
                d.selfApproval(), d.breakGlassAllowed(), d.breakGlassRoles(), ttl, d.approvals(), null);
    }

    private static EnvironmentProperties withApprovals(String name, List<String> approvals) {
        EnvironmentProperties d = defaults(name);
        return new EnvironmentProperties(name, d.description(), d.requestRoles(), d.approveRoles(), d.executeRoles(),
                d.selfApproval(), d.breakGlassAllowed(), d.breakGlassRoles(), d.approvalTtl(), approvals, null);
    }

    private static EnvironmentProperties withBreakGlassRoles(String name, List<String> roles) {
        EnvironmentProperties d = defaults(name);
        return new EnvironmentProperties(name, d.description(), d.requestRoles(), d.approveRoles(), d.executeRoles(),
                d.selfApproval(), true, roles, d.approvalTtl(), d.approvals(), null);
    }

    @Test
    void shouldTurnDefaultPropertiesIntoTheDefaultPolicy() {
        Environment.Policy p = new EnvironmentCatalog(List.of(defaults("staging"))).find("staging").orElseThrow().policy();

        assertThat(p.requestRoles()).containsExactly(Role.OPERATOR);
        assertThat(p.approveRoles()).containsExactly(Role.APPROVER);
        assertThat(p.executeRoles()).containsExactly(Role.OPERATOR);
        assertThat(p.breakGlassRoles()).containsExactly(Role.ADMIN);
        assertThat(p.selfApproval()).isFalse();
        assertThat(p.breakGlassAllowed()).isFalse();
        assertThat(p.approvalTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(p.approvalProviders()).containsExactly("local");
    }

    @Test
    void shouldTurnAMissingDescriptionIntoAnEmptyOne() {
        assertThat(new EnvironmentCatalog(List.of(defaults("dev"))).find("dev").orElseThrow().description()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownRoleNamingTheKeyAndTheRole() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withApproveRoles("prod", List.of("approver", "aprover")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approve-roles")
                .hasMessageContaining("'aprover'");
    }

    @Test
    void shouldAcceptRolesWrittenInAnyCase() {
        Environment env = new EnvironmentCatalog(List.of(withApproveRoles("prod", List.of("Approver", "ADMIN"))))
                .find("prod").orElseThrow();

        assertThat(env.policy().approveRoles()).containsExactlyInAnyOrder(Role.APPROVER, Role.ADMIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod", "prod_eu", "1prod", "-prod", "prod eu", ""})
    void shouldRejectAnEnvironmentNameThatIsNotLowerCaseKebabCase(String name) {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(defaults(name))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments." + name + ": an environment name");
    }

    @Test
    void shouldRejectANameLongerThanSixtyThreeCharacters() {
        String name = "p".repeat(64);

        assertThat(new EnvironmentCatalog(List.of(defaults("p".repeat(63)))).all()).hasSize(1);
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(defaults(name))))
                .isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "-PT24H"})
    void shouldRejectAnApprovalTtlThatIsNotPositive(String ttl) {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withTtl("prod", Duration.parse(ttl)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approval-ttl");
    }

    @Test
    void shouldRejectAMissingApprovalTtl() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withTtl("prod", null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approval-ttl");
    }

    @Test
    void shouldRejectAnUnknownApprovalProvider() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withApprovals("prod", List.of("local", "jira")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approvals: unknown approval provider 'jira'");
    }

    @Test
    void shouldRejectAnEmptyOrMissingListOfApprovalProviders() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withApprovals("prod", List.of()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approvals: name at least one");
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withApprovals("prod", null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approvals: name at least one");
    }

    @Test
    void shouldReportEveryProblemOfEveryEnvironmentInOneMessage() {
        EnvironmentProperties bad = new EnvironmentProperties("prod", null, List.of("operator"), List.of("boss"),
                List.of("operator"), false, false, List.of("admin"), Duration.ZERO, List.of("pagerduty"), null);

        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(bad, defaults("dev"), defaults("Bad"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approve-roles: unknown role 'boss'")
                .hasMessageContaining("carapulse.environments.prod.approval-ttl")
                .hasMessageContaining("carapulse.environments.prod.approvals: nobody could decide")
                .hasMessageContaining("carapulse.environments.Bad: an environment name");
    }

    @Test
    void shouldRefuseBreakGlassRolesOtherThanAdmin() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(withBreakGlassRoles("prod", List.of("approver")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.break-glass-roles")
                .hasMessageContaining("admin");
    }

    @Test
    void shouldRefuseSelfApprovalOutsideDevelopmentEnvironments() {
        EnvironmentProperties prod = new EnvironmentProperties("prod", null, List.of("operator"), List.of("approver"),
                List.of("operator"), true, false, List.of("admin"), java.time.Duration.ofHours(1), List.of("local"), null);
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(prod)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.self-approval");
        EnvironmentProperties devEu = new EnvironmentProperties("dev-eu", null, List.of("operator"),
                List.of("approver"), List.of("operator"), true, false, List.of("admin"), java.time.Duration.ofHours(1),
                List.of("local"), null);
        assertThat(new EnvironmentCatalog(List.of(devEu)).find("dev-eu").orElseThrow().policy().selfApproval()).isTrue();
    }

    @Test
    void shouldAddAdminToBreakGlassRolesEvenWhenNoneAreConfigured() {
        Environment env = new EnvironmentCatalog(List.of(withBreakGlassRoles("prod", List.of())))
                .find("prod").orElseThrow();

        assertThat(env.policy().breakGlassRoles()).containsExactly(Role.ADMIN);
    }

    @Test
    void shouldListEnvironmentsInNameOrderWhateverTheConfiguredOrder() {
        EnvironmentCatalog catalog = new EnvironmentCatalog(List.of(defaults("staging"), defaults("prod"), defaults("dev")));

        assertThat(catalog.all()).extracting(Environment::name).containsExactly("dev", "prod", "staging");
    }

    @Test
    void shouldFindOnlyConfiguredEnvironments() {
        EnvironmentCatalog catalog = new EnvironmentCatalog(List.of(defaults("prod")));

        assertThat(catalog.find("prod")).map(Environment::name).contains("prod");
        assertThat(catalog.find("PROD")).isEmpty();
        assertThat(catalog.find("dev")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void shouldAcceptNoEnvironmentsAtAll() {
        assertThat(new EnvironmentCatalog(List.of()).all()).isEmpty();
    }
}
