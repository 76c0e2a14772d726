package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.error.PermanentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @Test
    void shouldResolveAnEnvironmentVariable() {
        SecretRef ref = SecretRef.parse("k", "env:KUBE_TOKEN");
        assertThat(ref.resolve(Map.of("KUBE_TOKEN", "canary-value")::get).reveal()).isEqualTo("canary-value");
    }

    @Test
    void shouldResolveAFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "canary-file-value\n");
        assertThat(SecretRef.parse("k", "file:" + file).resolve().reveal()).isEqualTo("canary-file-value");
    }

    @Test
    void shouldNeverShowTheValueInToString() {
        SecretRef.Secret s = SecretRef.parse("k", "env:X").resolve(Map.of("X", "canary-hidden")::get);
        assertThat(s.toString()).doesNotContain("canary-hidden");
        assertThat(SecretRef.parse("k", "env:X").toString()).isEqualTo("env:X");
    }

    @Test
    void shouldFailClosedWhenTheSecretIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> SecretRef.parse("k", "env:MISSING").resolve(Map.<String, String>of()::get))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo("secret_unavailable"))
                .hasMessageContaining("env:MISSING");
        assertThatThrownBy(() -> SecretRef.parse("k", "file:" + dir.resolve("absent")).resolve())
                .isInstanceOf(PermanentException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void shouldRefuseWhatIsNotAReferenceWithoutEchoingIt() {
        assertThatThrownBy(() -> SecretRef.parse("carapulse.environments.prod.argocd.token", "eyJhbGciOiJSUzI1NiJ9.canary"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.argocd.token")
                .hasMessageNotContaining("canary");
        assertThatThrownBy(() -> SecretRef.parse("carapulse.llm.api-key", "sk-proj-canary sk-proj-canary"))
                .hasMessageContaining("29 characters, not shown").hasMessageNotContaining("sk");
        assertThatThrownBy(() -> SecretRef.parse("k", "file:relative/path")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> SecretRef.parse("k", "env:1BAD")).hasMessageContaining("variable name");
        assertThatThrownBy(() -> SecretRef.parse("k", "vault:secret/data/x")).hasMessageContaining("not supported");
    }

    @Test
    void shouldTakeAnIntegrationReferenceOnlyWhereTheCallerNamesItsProviders() {
        SecretRef ref = SecretRef.parse("github.token", "integration:github", Set.of("github"));
        assertThat(ref.isIntegration()).isTrue();
        assertThat(ref.locator()).isEqualTo("github");
        assertThat(ref).hasToString("integration:github");
        assertThatThrownBy(ref::resolve).isInstanceOf(PermanentException.class).hasMessageContaining("credential broker");

        assertThatThrownBy(() -> SecretRef.parse("argocd.token", "integration:github"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("argocd.token")
                .hasMessageContaining("only where a tool family reads its credential from the credential broker");
        assertThatThrownBy(() -> SecretRef.parse("github.token", "integration:gitlab", Set.of("github")))
                .hasMessageContaining("one of [github]");
        assertThatThrownBy(() -> SecretRef.parse("github.token", "integration:", Set.of("github")))
                .hasMessageContaining("integration:github");
        assertThat(SecretRef.parse("k", "env:X", Set.of("github")).isIntegration()).isFalse();
    }
}
