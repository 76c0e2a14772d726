package io.carapulse.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.auth.Role;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.tool.ToolRegistry;
import io.carapulse.testkit.fake.FakeTool;
import io.carapulse.testkit.fake.FakeWorld;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Capabilities as configured: strictly checked at start-up (one line naming the key), then what they grant. */
class CapabilitiesTest {

    private static final ToolRegistry TOOLS = new ToolRegistry(List.of(new FakeTool(new FakeWorld())));
    private static final String KEY = "carapulse.environments.prod.capabilities[0]";

    private static EnvironmentProperties env(String name, List<Map<String, Object>> capabilities) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(1), List.of("local"), null, null, capabilities);
    }

    private static Map<String, Object> grant(Object capability, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grant", capability);
        m.put("to", to);
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fake.deploy        | role:operator | .grant: tool 'fake' has no action 'deploy' (known: configure, echo, fail, get, patch, scale, sleep, *)",
            "kubernetes.scale   | role:operator | .grant: unknown tool 'kubernetes' (known: fake)",
            "credentials:gitbub | role:operator | .grant: unknown provider 'gitbub' (known: github, gitlab, jira, generic)",
            "fake               | role:operator | .grant: 'fake' is not a capability: credentials:<provider>, <tool>.<action> or <tool>.*",
            "fake.scale         | role:root     | .to: unknown role 'root' (viewer, operator, approver, admin)",
            "fake.scale         | user:alice    | .to: 'user:alice' is not a grantee: role:<role>, token:<name>, oidc:<sub> or runbook:<name>",
            "fake.scale         | runbook:Nightly | .to: 'runbook:Nightly' is not a runbook name (a-z 0-9 -, 1-63 characters, not starting with -)",
            "fake.scale         | oidc:         | .to: 'oidc:' is not an OIDC subject (oidc:<sub>, 1-200 characters)",
            "fake.scale         | token:a b     | .to: 'token:a b' is not a token name (1-100 characters of A-Z a-z 0-9 . _ -)",
    })
    void shouldRefuseAWrongGrantWithOneLineNamingTheKey(String capability, String grantee, String problem) {
        Throwable t = catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(grant(capability, List.of(grantee))))), TOOLS));

        assertThat(t).isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid environment configuration: " + KEY + problem);
        assertThat(t.getMessage()).doesNotContain("\n");
    }

    @Test
    void shouldRefuseACredentialGrantToARunbookWhichTakesCredentialsOnlyThroughItsSteps() {
        Throwable t = catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(
                grant("credentials:github", List.of("runbook:nightly"))))), TOOLS));

        assertThat(t).isInstanceOf(ConfigurationException.class).hasMessage("invalid environment configuration: " + KEY
                + ".to: a runbook takes no credential itself, only through its plans' steps; grant it <tool>.<action>"
                + " or <tool>.* instead of credentials:github");
    }

    @Test
    void aRunbooksGrantShouldCountForItsPlansAlongsideTheRequestersOwn() {
        Capabilities c = new Capabilities(List.of(env("prod", List.of(grant("fake.scale", List.of("runbook:nightly")),
                grant("fake.get", List.of("role:operator"))))), TOOLS);
        Actor operator = new Actor("token:tok_1", "op", AuthKind.API_TOKEN,
                Set.of(Role.OPERATOR));

        assertThat(c.missing(operator, "runbook:nightly", "prod", List.of("fake.get", "fake.scale"))).isEmpty();
        assertThat(c.missing(operator, "runbook:other", "prod", List.of("fake.get", "fake.scale")))
                .hasValueSatisfying(m -> assertThat(m.step()).isEqualTo(2));
        assertThat(c.missing(operator, null, "prod", List.of("fake.scale"))).isPresent();
        assertThat(c.holds(operator, "prod", "fake.scale")).as("a person never holds a runbook's grant").isFalse();
    }

    @Test
    void shouldRefuseUnknownKeysAMissingGrantAndAGranteeThatIsNotAList() {
        Map<String, Object> typo = grant("fake.scale", List.of("role:operator"));
        typo.put("roles", List.of("operator"));
        assertThat(catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(typo))), TOOLS)))
                .hasMessageEndingWith(KEY + ".roles: unknown key (known: [grant, to])");
        assertThat(catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(grant(null, List.of("role:operator"))))), TOOLS)))
                .hasMessageEndingWith(KEY + ".grant: required: credentials:<provider>, <tool>.<action> or <tool>.*");
        assertThat(catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(grant("fake.scale", "role:operator")))), TOOLS)))
                .hasMessageEndingWith(KEY + ".to: required: a list of role:<role>, token:<name>, oidc:<sub> or runbook:<name>");
        assertThat(catchThrowable(() -> new Capabilities(List.of(env("prod", List.of(grant("fake.scale", List.of())))), TOOLS)))
                .hasMessageEndingWith(KEY + ".to: must not be empty (role:<role>, token:<name>, oidc:<sub> or runbook:<name>)");
    }

    @Test
    void shouldGrantToRolesAndTokensByNameWithToolWildcardsButNeverCredentialsByWildcard() {
        Capabilities c = new Capabilities(List.of(
                env("prod", List.of(grant("fake.*", List.of("role:operator")), grant("credentials:github", List.of("token:release-agent")))),
                env("dev", null)), TOOLS);
        Actor operator = new Actor("oidc:ann", "ann", AuthKind.OIDC, Set.of(Role.OPERATOR));
        Actor admin = new Actor("oidc:root", "root", AuthKind.OIDC, Set.of(Role.ADMIN));
        Actor viewer = new Actor("oidc:vic", "vic", AuthKind.OIDC, Set.of(Role.VIEWER));
        Actor agent = new Actor("token:tok_1", "release-agent", AuthKind.AGENT, Set.of(Role.VIEWER));
        Actor person = new Actor("oidc:release-agent", "release-agent", AuthKind.OIDC, Set.of(Role.VIEWER));

        assertThat(c.holds(operator, "prod", "fake.scale")).isTrue();
        assertThat(c.holds(admin, "prod", "fake.scale")).as("admin holds every role").isTrue();
        assertThat(c.holds(viewer, "prod", "fake.scale")).isFalse();
        assertThat(c.holds(agent, "prod", "credentials:github")).isTrue();
        assertThat(c.holds(person, "prod", "credentials:github")).as("a person is not token:<name>").isFalse();
        assertThat(c.holds(operator, "prod", "credentials:github")).as("fake.* grants no credentials").isFalse();
        assertThat(c.holds(agent, "prod", "credentials:gitlab")).isFalse();
        assertThat(c.holds(agent, "dev", "credentials:github")).as("nothing by default").isFalse();
        assertThat(c.governsTools("prod")).isTrue();
        assertThat(c.governsTools("dev")).isFalse();
        assertThat(c.missing(viewer, "dev", List.of("fake.scale"))).as("no tool capabilities: roles alone").isEmpty();
        assertThat(c.missing(viewer, "prod", List.of("fake.get", "fake.scale")).orElseThrow())
                .isEqualTo(new Capabilities.Missing(1, "fake.get"));
        assertThat(c.missing(operator, "prod", List.of("fake.get", "fake.scale"))).isEmpty();
    }
}
