package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

    @Test
    void shouldReadExpiryInSecondsAndTheChatGptAccountClaim() {
        Instant exp = Instant.parse("2030-01-02T03:04:05Z");

        JwtClaims claims = JwtClaims.parse(TestTokens.access(TestTokens.ACCOUNT, exp), "the token");

        assertThat(claims.expiresAt()).isEqualTo(exp);
        assertThat(claims.accountId()).isEqualTo(TestTokens.ACCOUNT);
    }

    @Test
    void shouldLeaveAbsentClaimsNull() {
        JwtClaims claims = JwtClaims.parse(TestTokens.jwt("{\"sub\":\"x\"}"), "the token");

        assertThat(claims.expiresAt()).isNull();
        assertThat(claims.accountId()).isNull();
    }

    @Test
    void shouldAcceptAPaddedPayload() {
        String padded = TestTokens.jwt("{\"exp\":1900000000}").replaceFirst("\\.([^.]+)\\.", ".$1==.");

        assertThat(JwtClaims.parse(padded, "t").expiresAt()).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
    }

    @Test
    void shouldRefuseMalformedTokensWithoutQuotingThem() {
        String notJwt = "sk-not-a-jwt-SECRETVALUE";
        String badPayload = "eyJhbGciOiJIUzI1NiJ9.!!!SECRETVALUE!!!.sig";
        String arrayPayload = TestTokens.jwt("[1,2]");

        for (String token : new String[] {notJwt, badPayload, arrayPayload}) {
            assertThatThrownBy(() -> JwtClaims.parse(token, "the access token"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the access token is not a JWT")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETVALUE").doesNotContain(token));
        }
        assertThatThrownBy(() -> JwtClaims.parse(" ", "the access token")).hasMessage("the access token is empty");
    }

    @Test
    void shouldGiveEmptyClaimsLenientlyForAnOpaqueToken() {
        assertThat(JwtClaims.parseLeniently("opaque")).isEqualTo(new JwtClaims(null, null));
    }
}
