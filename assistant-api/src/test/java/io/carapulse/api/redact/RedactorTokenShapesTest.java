package io.carapulse.api.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S4: provider token shapes, URL credentials, and PEM blocks that arrive one line at a time. */
class RedactorTokenShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "hvs.CAESIJ3canaryVaultTokenQ0dGVzdA",
        "ghp_canaryGitHubToken0123456789abcdefXYZ",
        "github_pat_11ABCDEFG0canaryFineGrained_0123456789abcdefghij",
        "glpat-canaryGitLabToken-0123",
        "xoxb-123456789012-canarySlackBot"
    })
    void shouldMaskProviderTokensWhereverTheyAppear(String token) {
        String out = Redactor.patterns().redact("export X=" + token + " # and again: " + token);
        assertThat(out).doesNotContain(token).contains(Redactor.MASK);
    }

    @Test
    void shouldMaskThePasswordInAUrlButKeepTheRest() {
        String out = Redactor.patterns().redact("dsn=postgres://app:canary-s3cret@db.internal:5432/carapulse");
        assertThat(out).doesNotContain("canary-s3cret").contains("postgres://app:").contains("@db.internal:5432/carapulse");
    }

    @Test
    void shouldLeaveUrlsWithoutCredentialsAlone() {
        String text = "see https://grafana.example.com:3000/d/abc?orgId=1 and http://localhost:8080/health";
        assertThat(Redactor.patterns().redact(text)).isEqualTo(text);
    }

    @Test
    void shouldMaskEveryLineInsideAPemBlockThatArrivesLineByLine() {
        Redactor.Lines lines = Redactor.patterns().lines();
        List<String> out = List.of("before", "-----BEGIN RSA PRIVATE KEY-----", "MIIEcanaryLine1", "canaryLine2==",
                "-----END RSA PRIVATE KEY-----", "after").stream().map(lines::redact).toList();
        assertThat(out).containsExactly("before", "-----BEGIN RSA PRIVATE KEY-----", Redactor.MASK, Redactor.MASK,
                "-----END RSA PRIVATE KEY-----", "after");
    }

    @Test
    void shouldKeepEachStreamsStateApart() {
        Redactor.Lines a = Redactor.patterns().lines();
        Redactor.Lines b = Redactor.patterns().lines();
        a.redact("-----BEGIN PRIVATE KEY-----");
        assertThat(a.redact("canary-body")).isEqualTo(Redactor.MASK);
        assertThat(b.redact("plain output")).isEqualTo("plain output");
    }
}
