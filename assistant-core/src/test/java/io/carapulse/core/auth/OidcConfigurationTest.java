package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OIDC settings refuse to start in a shape that would accept the wrong tokens. */
class OidcConfigurationTest {

    @Test
    void shouldFailStartUpWhenIssuerIsSetWithoutAudience() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class,
                Map.of("carapulse.auth.oidc.issuer", "https://login.example.com/realms/ops",
                        "micronaut.server.port", -1), "test"))
                .hasStackTraceContaining("carapulse.auth.oidc.audience (CARAPULSE_AUTH_OIDC_AUDIENCE) is required");
    }

    @Test
    void shouldStartWithoutContactingAnUnreachableIssuer() {
        // port 9 (discard) on loopback: nothing answers; start-up must not care
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.auth.oidc.issuer", "http://127.0.0.1:9/realms/ops",
                "carapulse.auth.oidc.audience", "carapulse",
                "micronaut.server.port", -1), "test")) {
            TestHttp.Response me = new TestHttp(server.getURL()).get("/v1/me", "a.b.c");

            assertThat(server.isRunning()).isTrue();
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.code()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void shouldRefusePlainHttpIssuerOutsideLoopback() {
        assertThatThrownBy(() -> new OidcConfiguration("http://login.example.com", "aud", "groups", Map.of(),
                Duration.ofSeconds(60), false)).isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
    }

    @Test
    void shouldRefuseUnknownRoleInMapping() {
        assertThatThrownBy(() -> new OidcConfiguration("https://login.example.com", "aud", "groups",
                Map.of("ops", List.of("superuser")), Duration.ofSeconds(60), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.auth.oidc.role-mapping.ops: unknown role 'superuser'");
    }

    @Test
    void shouldGrantTheUnionOfRolesOfMappedGroupsOnly() {
        OidcConfiguration config = new OidcConfiguration("https://login.example.com", "aud", "groups",
                Map.of("ops", List.of("operator"), "leads", List.of("approver", "viewer")), Duration.ofSeconds(60), false);

        assertThat(config.rolesFor(List.of("ops", "leads", "other")))
                .extracting(r -> r.wire()).containsExactly("viewer", "operator", "approver");
        assertThat(config.rolesFor(List.of("other"))).isEmpty();
    }

    @Test
    void shouldBindGroupNamesWithDotsSlashesSpacesAndCaseFromYaml() throws java.io.IOException {
        // a dotted group name used to vanish silently when the map was bound as nested properties
        String yaml = """
                carapulse:
                  auth:
                    oidc:
                      issuer: https://login.example.com
                      audience: carapulse
                      role-mapping:
                        /platform/SRE-Admins: [admin]
                        sre.admins: [viewer]
                        "Ops Team": [operator, approver]
                """;
        Map<String, Object> properties = new YamlPropertySourceLoader()
                .read("oidc", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            OidcConfiguration config = context.getBean(OidcConfiguration.class);

            assertThat(config.roleMapping()).containsOnlyKeys("/platform/SRE-Admins", "sre.admins", "Ops Team");
            assertThat(config.roleMapping().get("Ops Team")).containsExactly("operator", "approver");
            assertThat(config.groupsClaim()).isEqualTo("groups");
            assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.requireEmailVerified()).isFalse();
        }
    }
}
