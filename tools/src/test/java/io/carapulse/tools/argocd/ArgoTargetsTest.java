package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolException;
import io.carapulse.tools.argocd.internal.ArgoTargets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server as the CLI and the REST client are pointed at it, and the token lease (S4, S6). */
class ArgoTargetsTest {

    private static ArgoTargets targets(String server) {
        return new ArgoTargets(ArgoTestSupport.catalog(server), n -> n.equals("ARGO_TOKEN") ? ArgoTestSupport.TOKEN : null);
    }

    @ParameterizedTest(name = "{0} → CLI {1}, HTTP {2}")
    @CsvSource(textBlock = """
            argocd.example.com:443,         argocd.example.com:443,  https://argocd.example.com:443
            https://argocd.example.com,     argocd.example.com,      https://argocd.example.com
            https://argocd.example.com:8443/, argocd.example.com:8443, https://argocd.example.com:8443
            http://127.0.0.1:8080,          127.0.0.1:8080,          http://127.0.0.1:8080
            """)
    void shouldPointBothTransportsAtTheConfiguredServer(String server, String cli, String http) {
        ArgoTargets t = targets(server);

        assertThat(t.serverFlags("prod")).startsWith("--server", cli).contains("--grpc-web");
        assertThat(t.baseUri("prod")).hasToString(http);
    }

    @Test
    void shouldAllowPlainHttpOnlyForALocalServer() {
        assertThatThrownBy(() -> targets("http://argocd.example.com").baseUri("prod"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("configuration_invalid"));
    }

    @Test
    void shouldPutTheTokenOnlyInTheLeaseEnvironmentAndItsSecrets() {
        try (var lease = targets("argocd.example.com:443").cliLease("prod")) {
            assertThat(lease.env()).containsExactly(java.util.Map.entry("ARGOCD_AUTH_TOKEN", ArgoTestSupport.TOKEN));
            assertThat(lease.secretValues()).contains(ArgoTestSupport.TOKEN);
        }
        assertThat(targets("argocd.example.com:443").serverFlags("prod")).noneMatch(f -> f.contains("token"));
    }

    @Test
    void shouldRefuseAnEnvironmentWithoutArgoCd() {
        assertThat(targets("argocd.example.com:443").problems("dev")).hasSize(1);
        assertThat(targets("argocd.example.com:443").problems("prod")).isEqualTo(List.of());
        assertThatThrownBy(() -> targets("argocd.example.com:443").cliLease("dev"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
    }
}
