package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The actor an OIDC token becomes carries the verified {@code email} claim and nothing else as its
 * email, with {@code carapulse.auth.oidc.require-email-verified} honoured, and keeps it through the
 * request's authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcActorEmailTest {

    private static final String AUDIENCE = "carapulse";

    private TestIssuer issuer;
    private RSAKey key;
    private ExecutorService executor;

    @BeforeAll
    void start() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        issuer = new TestIssuer();
        issuer.publish(key);
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    void stop() {
        issuer.close();
        executor.shutdownNow();
    }

    private OidcTokenValidator validator(boolean requireEmailVerified) {
        return new OidcTokenValidator(new OidcConfiguration(issuer.issuer(), AUDIENCE, "groups",
                Map.of("sre", List.of("approver")), Duration.ofSeconds(60), requireEmailVerified),
                Clock.systemUTC(), executor);
    }

    private String token(String sub, Map<String, Object> extra) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(sub).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("groups", List.of("sre"));
        extra.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(JOSEObjectType.JWT).build(), b.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void shouldGiveASubThatLooksLikeAnEmailNoEmail() throws JOSEException {
        Actor actor = validator(false).verify(token("oncall@example.com",
                Map.of("name", "oncall@example.com", "preferred_username", "oncall@example.com"))).orElseThrow();

        assertThat(actor.id()).isEqualTo("oidc:oncall@example.com");
        assertThat(actor.name()).isEqualTo("oncall@example.com");
        assertThat(actor.email()).isNull();
        assertThat(Actors.of(Actors.toAuthentication(actor)).email()).isNull();
    }

    @Test
    void shouldCarryTheVerifiedEmailClaimThroughTheRequest() throws JOSEException {
        Actor actor = validator(false).verify(token("s-1", Map.of("email", "bob@example.com", "email_verified", true)))
                .orElseThrow();

        assertThat(actor.email()).isEqualTo("bob@example.com");
        assertThat(actor.name()).isEqualTo("bob@example.com");
        assertThat(Actors.of(Actors.toAuthentication(actor))).isEqualTo(actor);
    }

    @Test
    void shouldShowAndMatchNoEmailWhenTheIssuerSaysItIsUnverified() throws JOSEException {
        Actor actor = validator(false).verify(token("s-2", Map.of("email", "bob@example.com", "email_verified", false)))
                .orElseThrow();

        assertThat(actor.email()).isNull();
        assertThat(actor.name()).isEqualTo("s-2");
    }

    @Test
    void shouldNeedEmailVerifiedTrueWhenTheSettingRequiresIt() throws JOSEException {
        String withoutFlag = token("s-3", Map.of("email", "bob@example.com"));

        assertThat(validator(false).verify(withoutFlag).orElseThrow().email()).isEqualTo("bob@example.com");
        assertThat(validator(true).verify(withoutFlag).orElseThrow().email()).isNull();
        assertThat(validator(true).verify(token("s-3", Map.of("email", "bob@example.com", "email_verified", true)))
                .orElseThrow().email()).isEqualTo("bob@example.com");
    }
}
