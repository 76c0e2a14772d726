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
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The role is checked before the state: a caller who may not do something hears {@code 403} whatever
 * the plan's state, its fingerprint or its existence, and the answer reveals nothing they could not
 * read. Each case here answered with the state's {@code 409} (and the current fingerprint) before.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesBeforeStateTest implements TestPropertyProvider {

    private static final String AUDIENCE = "carapulse-api";
    private static final String SCALE = "{\"environment\":\"prod\",\"summary\":\"scale\",\"steps\":"
            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject Router router;
    @Inject FakeWorld world;

    private TestIssuer issuer;
    private ECKey key;
    private TestHttp http;
    private String operator;
    private String approver;
    private String viewer;

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
                "carapulse.auth.oidc.role-mapping.sre", "viewer");
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
        world.reset();
        world.deploy("web", 2);
    }

    @Test
    void shouldRefuseACallerWithNoRoleOnEveryRouteAlikeWhateverExists() throws Exception {
        String nobody = oidcToken("nobody", List.of("unmapped-team"));
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        List<String> failures = new ArrayList<>();
        for (String route : v1Routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            for (String id : List.of(plan, "pln_doesnotexist")) {
                String path = template.replaceAll("\\{[^}]+}", id);
                TestHttp.Response r = http.send(method, path, nobody, "application/json", "{}");
                if (r.status() != 403 || !"forbidden".equals(r.code()) || r.json().get("detail").asText().contains(plan)) {
                    failures.add(method + " " + path + " -> " + r.status() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        TestHttp.Response me = http.get("/v1/me", nobody);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles")).isEmpty();
    }

    @Test
    void shouldRefuseADecisionByRoleBeforeTheFingerprint() {
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        String fingerprint = http.get("/v1/plans/" + plan, viewer).json().get("fingerprint").asText();
        for (String caller : List.of(viewer, operator)) {
            TestHttp.Response r = http.post("/v1/plans/" + plan + "/approval", caller,
                    "{\"decision\":\"reject\",\"fingerprint\":\"" + "0".repeat(64) + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("forbidden");
            assertThat(r.body()).doesNotContain(fingerprint);
        }
        TestHttp.Response stale = http.post("/v1/plans/" + plan + "/approval", approver,
                "{\"decision\":\"reject\",\"fingerprint\":\"" + "0".repeat(64) + "\"}");
        assertThat(stale.code()).isEqualTo("fingerprint_mismatch");
    }

    @Test
    void shouldRefuseAnExecutionByRoleBeforeTheApproval() {
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        for (String caller : List.of(viewer, approver)) {
            TestHttp.Response r = http.post("/v1/plans/" + plan + "/execute", caller, "");
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("forbidden");
        }
        assertThat(http.post("/v1/plans/" + plan + "/execute", operator, "").code()).isEqualTo("approval_required");
    }

    @Test
    void shouldRefuseEditsAndPlansByRoleBeforeTheirContentOrState() {
        String plan = http.post("/v1/plans", operator, SCALE).json().get("id").asText();
        http.post("/v1/plans/" + plan + "/cancel", operator, "");
        TestHttp.Response edit = http.put("/v1/plans/" + plan + "/steps", viewer,
                "{\"steps\":[{\"tool\":\"fake\",\"action\":\"nope\",\"args\":{}}]}");
        assertThat(edit.status()).as(edit.body()).isEqualTo(403);
        TestHttp.Response create = http.post("/v1/plans", viewer,
                "{\"environment\":\"prod\",\"summary\":\"x\",\"steps\":[{\"tool\":\"nope\",\"action\":\"x\",\"args\":{}}]}");
        assertThat(create.status()).as(create.body()).isEqualTo(403);
        assertThat(create.code()).isEqualTo("forbidden");
    }

    private List<String> v1Routes() {
        TreeSet<String> out = new TreeSet<>();
        router.uriRoutes()
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .map(r -> r.getHttpMethodName() + " "
                        + r.getUriMatchTemplate().toString().replaceAll("\\{([^}:?]+)[^}]*}", "{$1}"))
                .filter(r -> r.contains(" /v1/") && !r.endsWith(" /v1/me"))
                .forEach(out::add);
        assertThat(out).contains("GET /v1/version", "POST /v1/plans/{id}/approval", "POST /v1/plans/{id}/execute");
        return new ArrayList<>(out);
    }

    private String oidcToken(String subject, List<String> teams) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(subject).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("teams", teams).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
