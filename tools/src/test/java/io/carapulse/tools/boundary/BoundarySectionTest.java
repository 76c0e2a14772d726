package io.carapulse.tools.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the Boundary an environment declares under {@code boundary}, bound from YAML and validated at start-up. */
class BoundarySectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheBoundaryOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      boundary:
                        address: https://boundary.example.com/
                        auth-method-id: ampw_1234567890
                        login-name: carapulse
                        password: env:BOUNDARY_PASSWORD
                        scopes: [p_1234567890]
                        targets: [ttcp_1234567890, redis-prod]
                        roles: [r_1234567890]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            BoundaryInstance b = catalog.find("prod").orElseThrow().inventory().part(BoundaryInstance.class).orElseThrow();
            assertThat(b.address()).isEqualTo(URI.create("https://boundary.example.com"));
            assertThat(b.authMethodId()).isEqualTo("ampw_1234567890");
            assertThat(b.loginName()).isEqualTo("carapulse");
            assertThat(b.password()).isEqualTo(new SecretRef("env", "BOUNDARY_PASSWORD"));
            assertThat(b.scopes()).containsExactly("p_1234567890");
            assertThat(b.targets()).containsExactlyInAnyOrder("ttcp_1234567890", "redis-prod");
            assertThat(b.roles()).containsExactly("r_1234567890");
            assertThat(b.describe()).containsExactly(
                    "Boundary (the runtime adds the controller and logs in); scopes: p_1234567890; targets: redis-prod, "
                            + "ttcp_1234567890",
                    "Boundary roles through which access may be granted: r_1234567890");
            assertThat(String.join(" ", b.describe())).doesNotContain("carapulse ", "BOUNDARY_PASSWORD", "example.com");
            assertThat(catalog.find("dev").orElseThrow().inventory().part(BoundaryInstance.class)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartWithAnIncompleteBoundaryNamingEachKeyAndNeverThePassword() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      boundary:
                        address: http://boundary.example.com
                        auth-method-id: amoidc_1234567890
                        password: hunter2-not-a-reference
                        scopes: [p_1234567890, "-global"]
                        targets: ["db;rm", ttcp_1234567890]
                        roles: [u_1234567890]
                    staging:
                      boundary:
                        address: https://boundary.example.com
                        auth-method-id: ampw_1234567890
                        login-name: carapulse
                """).getBean(EnvironmentCatalog.class));
        String key = "carapulse.environments.prod.boundary.";
        assertThat(refused)
                .hasStackTraceContaining(key + "address: use an https:// URL")
                .hasStackTraceContaining(key + "auth-method-id: the id of a password auth method is required")
                .hasStackTraceContaining(key + "login-name: the login name")
                .hasStackTraceContaining(key + "password: the value (23 characters, not shown) is not a secret reference")
                .hasStackTraceContaining(key + "scopes: -global is not one of scope ids")
                .hasStackTraceContaining(key + "targets: db;rm is not one of target ids")
                .hasStackTraceContaining(key + "roles: u_1234567890 is not one of role ids")
                .hasStackTraceContaining("carapulse.environments.staging.boundary.password: the account's password is required")
                .hasStackTraceContaining("carapulse.environments.staging.boundary.scopes: list the scope ids")
                .hasStackTraceContaining("carapulse.environments.staging.boundary.targets: list the targets");
        assertThat(refused).hasStackTraceContaining("Boundary").satisfies(t ->
                assertThat(stack(t)).doesNotContain("hunter2"));
    }

    private static String stack(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
