package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hand-made JWTs against a tiny issuer: the signature and algorithm checks, one by one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcNimbusSignedTokenTest implements TestPropertyProvider {

    private static final String AUDIENCE = "carapulse-api";

    private TestIssuer issuer;
    private ECKey ecKey;
    private RSAKey rsaKey;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = new TestIssuer();
        issuer.publish(ecKey, rsaKey);
        return Map.of(
                "carapulse.auth.oidc.issuer", issuer.issuer(),
                "carapulse.auth.oidc.audience", AUDIENCE,
                "carapulse.auth.oidc.groups-claim", "teams",
                "carapulse.auth.oidc.role-mapping.sre", "viewer");
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject("bob").audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("email", "bob@example.com").claim("teams", List.of("sre"));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private int status(String jwt) {
        return new TestHttp(server.getURL()).get("/v1/me", jwt).status();
    }

    @Test
    void shouldAcceptValidEs256TokenWithRolesFromTheConfiguredGroupsClaim() throws JOSEException {
        String jwt = sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", validClaims().build());

        TestHttp.Response me = new TestHttp(server.getURL()).get("/v1/me", jwt);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("subject").asText()).isEqualTo("oidc:bob");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"viewer\"]");
    }

    @Test
    void shouldAcceptValidRs256Token() throws JOSEException {
        assertThat(status(sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", validClaims().build())))
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseTokenWithoutExpiry() throws JOSEException {
        JWTClaimsSet noExp = validClaims().expirationTime(null).build();

        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", noExp))).isEqualTo(401);
    }

    @Test
    void shouldRefuseTokenWithoutSubject() throws JOSEException {
        JWTClaimsSet noSub = validClaims().subject(null).build();

        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", noSub))).isEqualTo(401);
    }

    @Test
    void shouldRefuseTokenNotYetValidOrIssuedInTheFuture() throws JOSEException {
        Instant later = Instant.now().plusSeconds(3600);
        JWTClaimsSet nbf = validClaims().notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(600))).build();
        JWTClaimsSet iat = validClaims().issueTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(600))).build();

        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", nbf))).isEqualTo(401);
        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", iat))).isEqualTo(401);
    }

    @Test
    void shouldRefuseTokenSignedByAForeignKeyWithAnUnknownKid() throws JOSEException {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();

        assertThat(status(sign(new ECDSASigner(foreign), JWSAlgorithm.ES256, "attacker", validClaims().build())))
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseTokenSignedByAForeignKeyReusingAKnownKid() throws JOSEException {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();

        assertThat(status(sign(new ECDSASigner(foreign), JWSAlgorithm.ES256, "ec-1", validClaims().build())))
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseUnsignedTokenWithAlgNone() {
        String jwt = new PlainJWT(validClaims().build()).serialize();

        assertThat(jwt).endsWith(".");
        assertThat(status(jwt)).isEqualTo(401);
    }

    @Test
    void shouldRefuseHmacSignedToken() throws JOSEException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);

        assertThat(status(sign(new MACSigner(secret), JWSAlgorithm.HS256, "ec-1", validClaims().build())))
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseTokenWhoseAudienceListLacksOurs() throws JOSEException {
        JWTClaimsSet other = validClaims().audience(List.of("a", "b")).build();
        JWTClaimsSet withOurs = validClaims().audience(List.of("a", AUDIENCE)).build();

        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", other))).isEqualTo(401);
        assertThat(status(sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", withOurs))).isEqualTo(200);
    }
}
