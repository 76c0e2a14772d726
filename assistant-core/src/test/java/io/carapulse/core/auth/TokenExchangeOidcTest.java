package io.carapulse.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Token exchange takes an OIDC access token as subject_token through the same validator as a bearer
 * token: one the issuer signed authenticates its person (who, not being an agent, is refused as
 * {@code unauthorized_client}, audited with the person), one signed by another key is {@code invalid_grant}.
 * A subject listed in {@code carapulse.auth.oidc.agents} is an external agent: it gets the credential its
 * capability grants ({@code oidc:deploy-bot} holds {@code credentials:generic} in {@code capped}).
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenExchangeOidcTest implements TestPropertyProvider {

    private static final String AUDIENCE = "carapulse-api";

    @Inject EmbeddedServer server;
    @Inject JdbcOperations jdbc;
    @Inject io.carapulse.core.token.TokenService tokens;
    @Inject TransactionOperations<Connection> tx;

    private TestIssuer issuer;
    private ECKey key;

    @Override
    public Map<String, String> getProperties() {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = new TestIssuer();
        issuer.publish(key);
        return Map.of("carapulse.auth.oidc.issuer", issuer.issuer(),
                    "carapulse.auth.oidc.audience", AUDIENCE,
                    "carapulse.auth.oidc.groups-claim", "teams",
                    "carapulse.auth.oidc.role-mapping.sre", "operator",
                    "carapulse.auth.oidc.agents[0]", "deploy-bot",
                    "carapulse.broker.key-encryption-key", "file:" + io.carapulse.core.broker.TestKeks.file(31));
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void shouldAuthenticateAnOidcSubjectAndRefuseItAsNotAnAgent() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String person = token(key, "carol-" + System.nanoTime());
        String forged = token(new ECKeyGenerator(Curve.P_256).keyID("k1").generate(), "mallory");

        TestHttp.Response refused = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded", form(person));
        TestHttp.Response invalid = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded", form(forged));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(refused.json().path("error_description").asText()).contains("for agents");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(denials("oidc:carol-%")).isEqualTo(1);
        assertThat(denials("oidc:mallory")).isZero();
    }

    @Test
    void shouldGiveAnExternalAgentSignedInThroughOidcWhatItsCapabilityGrants() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "oidc-admin-" + System.nanoTime(), List.of("admin")).token();
        String canary = "svc-canary-" + System.nanoTime();
        TestHttp.Response linked = http.post("/v1/integrations", admin, """
                {"provider": "generic", "authType": "pat", "credentials": {"token": "%s"},
                 "environments": ["capped"], "baseUrl": "https://svc.example.com"}""".formatted(canary));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String agent = token(key, "deploy-bot");

        TestHttp.Response me = http.get("/v1/me", agent);
        TestHttp.Response granted = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded",
                form(agent, "generic") + "&scope=" + enc("environment:capped"));
        TestHttp.Response elsewhere = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded",
                form(agent, "github") + "&scope=" + enc("environment:capped"));

        assertThat(me.json().path("authKind").asText()).isEqualTo("agent");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().path("access_token").asText()).isEqualTo(canary);
        assertThat(elsewhere.status()).as("credentials:github is not granted to it").isEqualTo(403);
        assertThat(allowed("oidc:deploy-bot")).isEqualTo(1);
        http.delete("/v1/integrations/" + linked.json().get("id").asText(), admin);
    }

    @Test
    void anExternalAgentShouldHaveAnIntegrationOfItsOwnAndOnlyAListedSubject() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "oidc-admin-" + System.nanoTime(), List.of("admin")).token();
        String canary = "own-canary-" + System.nanoTime();
        String link = """
                {"provider": "generic", "authType": "pat", "credentials": {"token": "%s"},
                 "agent": "%s", "baseUrl": "https://own.example.com"}""";

        TestHttp.Response unlisted = http.post("/v1/integrations", admin, link.formatted(canary, "oidc:carol"));
        TestHttp.Response linked = http.post("/v1/integrations", admin, link.formatted(canary, "oidc:deploy-bot"));
        TestHttp.Response twice = http.post("/v1/integrations", admin, link.formatted(canary, "oidc:deploy-bot"));
        String agent = token(key, "deploy-bot");
        TestHttp.Response own = http.get("/v1/integrations/credentials?provider=generic", agent);
        TestHttp.Response listed = http.get("/v1/integrations?agent=oidc:deploy-bot", admin);

        assertThat(unlisted.status()).as(unlisted.body()).isEqualTo(422);
        assertThat(unlisted.json().path("detail").asText())
                .isEqualTo("agent: Agent 'oidc:carol' not found: carapulse.auth.oidc.agents does not list 'carol'");
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.json().path("agent").asText()).isEqualTo("oidc:deploy-bot");
        assertThat(twice.status()).as("at most one per provider per agent").isEqualTo(409);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("token").asText()).isEqualTo(canary);
        assertThat(own.json().path("integrationId").asText()).isEqualTo(linked.json().path("id").asText());
        assertThat(listed.json().path("items").size()).isEqualTo(1);
        assertThat(listed.body()).doesNotContain(canary);
        http.delete("/v1/integrations/" + linked.json().get("id").asText(), admin);
    }

    private static String form(String subject) {
        return form(subject, "github");
    }

    private long allowed(String actor) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE action = "
                + "'integration.credentials' AND decision = 'ALLOW' AND actor = ?", ps -> {
                    ps.setString(1, actor);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    private static String form(String subject, String resource) {
        return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(subject)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token") + "&resource=" + resource;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private long denials(String actorLike) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE action = "
                + "'integration.credentials' AND decision = 'DENY' AND actor LIKE ?", ps -> {
                    ps.setString(1, actorLike);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    private String token(ECKey signer, String subject) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(subject).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("teams", List.of("sre")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }
}
