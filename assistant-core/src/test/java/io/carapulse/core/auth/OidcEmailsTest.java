package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which email an OIDC token proves: the {@code email} claim, verified, and nothing that only looks like one. */
class OidcEmailsTest {

    private static JWTClaimsSet claims(Map<String, Object> claims) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject("s-123");
        claims.forEach(b::claim);
        return b.build();
    }

    @Test
    void shouldTakeTheEmailClaimWhenNothingSaysItIsUnverified() {
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "Bob@Example.com")), false))
                .isEqualTo("Bob@Example.com");
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", true)), false))
                .isEqualTo("bob@example.com");
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", "true")),
                true)).isEqualTo("bob@example.com");
    }

    @Test
    void shouldNeverTakeSubNameOrPreferredUsernameForAnEmail() {
        JWTClaimsSet looksLikeOne = new JWTClaimsSet.Builder().subject("oncall@example.com")
                .claim("name", "oncall@example.com").claim("preferred_username", "oncall@example.com").build();

        assertThat(OidcEmails.verifiedEmail(looksLikeOne, false)).isNull();
    }

    @Test
    void shouldRefuseAnEmailTheIssuerDidNotVerify() {
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", false)), false))
                .isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", "false")),
                false)).isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", "maybe")),
                false)).isNull();
    }

    @Test
    void shouldRequireTheVerifiedFlagWhenConfiguredTo() {
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com")), true)).isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob@example.com", "email_verified", true)), true))
                .isEqualTo("bob@example.com");
    }

    @Test
    void shouldRefuseAClaimThatIsNotAnAddress() {
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob")), false)).isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", "bob @example.com")), false)).isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of("email", java.util.List.of("bob@example.com"))), false))
                .isNull();
        assertThat(OidcEmails.verifiedEmail(claims(Map.of()), false)).isNull();
    }
}
