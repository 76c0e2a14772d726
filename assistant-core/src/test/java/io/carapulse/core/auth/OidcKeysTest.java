package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery: lazy, checked against the configured issuer, retried after a failure. */
class OidcKeysTest {

    private static OidcConfiguration config(String issuer) {
        return new OidcConfiguration(issuer, "aud", "groups", Map.of(), Duration.ofSeconds(60), false);
    }

    @Test
    void shouldNotContactTheIssuerUntilAskedAndRetryAfterAFailure() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            issuer.publish(new ECKeyGenerator(Curve.P_256).keyID("k").generate());
            issuer.discoveryStatus(503);
            OidcKeys keys = new OidcKeys(config(issuer.issuer()), Clock.systemUTC(), Duration.ZERO);

            assertThat(issuer.discoveryCalls()).isZero();
            assertThatThrownBy(keys::processor).isInstanceOf(OidcKeys.DiscoveryException.class)
                    .hasMessageContaining("HTTP 503");

            issuer.discoveryStatus(200);
            assertThat(keys.processor()).isNotNull();
            assertThat(keys.processor()).isSameAs(keys.processor());
            assertThat(issuer.discoveryCalls()).isEqualTo(2);
        }
    }

    @Test
    void shouldWaitBeforeRetryingAFailedDiscovery() {
        try (TestIssuer issuer = new TestIssuer()) {
            issuer.discoveryStatus(500);
            OidcKeys keys = new OidcKeys(config(issuer.issuer()), Clock.systemUTC(), Duration.ofMinutes(5));

            assertThatThrownBy(keys::processor).isInstanceOf(OidcKeys.DiscoveryException.class);
            issuer.discoveryStatus(200);
            assertThatThrownBy(keys::processor).isInstanceOf(OidcKeys.DiscoveryException.class)
                    .hasMessageContaining("retrying after");
            assertThat(issuer.discoveryCalls()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseADiscoveryDocumentNamingAnotherIssuer() {
        try (TestIssuer issuer = new TestIssuer()) {
            issuer.advertiseIssuer("https://evil.example");
            OidcKeys keys = new OidcKeys(config(issuer.issuer()), Clock.systemUTC(), Duration.ZERO);

            assertThatThrownBy(keys::processor).isInstanceOf(OidcKeys.DiscoveryException.class)
                    .hasMessageContaining("names issuer 'https://evil.example'");
        }
    }
}
