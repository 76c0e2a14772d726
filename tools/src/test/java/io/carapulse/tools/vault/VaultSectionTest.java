package io.carapulse.tools.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** S6: the Vault an environment declares under {@code vault}, bound from YAML and validated at start-up. */
class VaultSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheVaultOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      vault:
                        address: https://vault.example.com:8200
                        namespace: team-a
                        auth:
                          method: kubernetes
                          role: carapulse
                        child-policies: [carapulse-ops]
                        kv-mounts:
                          secret: [app/, payments]
                        lease-prefixes: [database/creds/app/]
                        database-static-roles: [database/app-static]
                    staging:
                      vault:
                        address: https://vault.example.com:8200
                        auth:
                          method: approle
                          mount: ci-approle
                          role-id: env:VAULT_ROLE_ID
                          secret-id: file:/etc/carapulse/vault-secret-id
                        lease-prefixes: [database/creds/staging/]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            VaultInstance prod = catalog.find("prod").orElseThrow().inventory().part(VaultInstance.class).orElseThrow();
            assertThat(prod.address().toString()).isEqualTo("https://vault.example.com:8200");
            assertThat(prod.namespace()).contains("team-a");
            assertThat(prod.auth()).isEqualTo(new VaultInstance.Kubernetes("kubernetes", "carapulse",
                    Path.of(VaultSection.DEFAULT_JWT_PATH)));
            assertThat(prod.childPolicies()).containsExactly("carapulse-ops");
            assertThat(prod.kvMounts()).isEqualTo(Map.of("secret", List.of("app/", "payments/")));
            assertThat(prod.allowsKv("secret", "app/db")).isTrue();
            assertThat(prod.allowsKv("secret", "payments")).isTrue();
            assertThat(prod.allowsKv("secret", "application/db")).isFalse();
            assertThat(prod.allowsLease("database/creds/app/Hk3Y")).isTrue();
            assertThat(prod.allowsLease("database/creds/")).isFalse();
            assertThat(prod.databaseStaticRoles()).containsExactly("database/app-static");
            assertThat(prod.describe()).containsExactly(
                    "Vault namespace team-a (the runtime adds the address)",
                    "Vault KV v2 mounts and path prefixes (metadata only, never values): secret [app/, payments/]",
                    "Vault lease prefixes: database/creds/app/",
                    "Vault database static roles that may be rotated: database/app-static");
            VaultInstance staging = catalog.find("staging").orElseThrow().inventory().part(VaultInstance.class)
                    .orElseThrow();
            assertThat(staging.auth()).isEqualTo(new VaultInstance.AppRole("ci-approle",
                    new SecretRef("env", "VAULT_ROLE_ID"), new SecretRef("file", "/etc/carapulse/vault-secret-id")));
            assertThat(staging.namespace()).isEqualTo(Optional.empty());
            assertThat(catalog.find("dev").orElseThrow().inventory().part(VaultInstance.class)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartWithAnIncompleteVaultNamingEachKeyAndNoSecret() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      vault:
                        address: http://vault.example.com:8200
                        auth:
                          method: approle
                          role-id: env:VAULT_ROLE_ID
                          secret-id: s.0123456789abcdef
                        kv-mounts:
                          secret: [../etc]
                    staging:
                      vault:
                        auth:
                          method: ldap
                        kv-mount:
                          secret: [app/]
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.vault.address: 'http://vault.example.com:8200' is "
                        + "not a Vault address")
                .hasStackTraceContaining("carapulse.environments.prod.vault.auth.secret-id: the value")
                .hasStackTraceContaining("carapulse.environments.prod.vault.kv-mounts.secret: '../etc' is not a path prefix")
                .hasStackTraceContaining("carapulse.environments.staging.vault.address: the Vault address is required")
                .hasStackTraceContaining("carapulse.environments.staging.vault.auth.method: 'ldap' is not one of "
                        + "kubernetes, approle, token")
                .hasStackTraceContaining("carapulse.environments.staging.vault.kv-mount: unknown key");
        assertThat(refused.toString()).doesNotContain("s.0123456789abcdef");
        Throwable cause = refused;
        while (cause != null) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain("s.0123456789abcdef");
            cause = cause.getCause();
        }
    }
}
