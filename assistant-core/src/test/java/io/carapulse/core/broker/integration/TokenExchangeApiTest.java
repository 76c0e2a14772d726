package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/token-exchange} (RFC 8693): form-encoded, the agent's token as subject_token, the same rules
 * and audit as the credentials endpoint; RFC 8693 JSON on success, RFC 6749 §5.2 errors otherwise
 * (application-capabilities.yml: {@code capped} grants credentials:github to the token {@code cap-agent}).
 * The canary credential is in the one granting answer only: not in errors, the audit table or the log.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenExchangeApiTest extends AgentCredentialFixture {

    static final String CANARY = "ghp_xchgCanary4Hs7Pd2Kf9Lm3Qw8Zc1";

    @Override
    String canary() {
        return CANARY;
    }

    private TestHttp.Response exchange(String form) {
        TestHttp.Response r = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded", form);
        answers.add(r);
        return r;
    }

    private static String form(String subjectToken, String extra) {
        return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token") + extra;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void shouldExchangeAnAgentsTokenForTheProvidersCredential() {
        String global = link("\"isGlobal\":true");

        TestHttp.Response r = exchange(form(agent.token(), "&resource=github&scope=" + enc("environment:capped")));
        TestHttp.Response byAudience = exchange(form(agent.token(), "&audience=github&scope=" + enc("environment:capped")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.json().path("access_token").asText()).isEqualTo(CANARY);
        assertThat(r.json().path("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().has("expires_in")).as("a stored token's expiry is unknown").isFalse();
        assertThat(byAudience.status()).isEqualTo(200);
        assertThat(audit("ALLOW", "token:" + agent.id())).hasSize(2)
                .allSatisfy(a -> assertThat(a).contains(global, "\"channel\":\"token-exchange\""));
        assertNoCanaryOutsideTheGrant(r, byAudience);
    }

    @Test
    void shouldAnswerEachRefusalAsAnOAuthErrorAndAuditIt() {
        link("\"isGlobal\":true");
        TokenCreatedView plain = tokens.create(Actor.SYSTEM, "cap-agent", List.of("operator"));
        String capped = "&resource=github&scope=" + enc("environment:capped");
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("not form", new String[] {"json", "400", "invalid_request"});
        cases.put("no grant type", new String[] {"subject_token=x", "400", "invalid_request"});
        cases.put("other grant", new String[] {"grant_type=client_credentials", "400", "unsupported_grant_type"});
        cases.put("no subject", new String[] {"grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange"), "400", "invalid_request"});
        cases.put("wrong type", new String[] {form(agent.token(), capped).replace("access_token", "jwt"), "400", "invalid_request"});
        cases.put("twice", new String[] {form(agent.token(), capped + "&resource=gitlab"), "400", "invalid_request"});
        cases.put("bad subject", new String[] {form("cpt_" + "x".repeat(43), capped), "400", "invalid_grant"});
        cases.put("not an agent", new String[] {form(plain.token(), capped), "403", "unauthorized_client"});
        cases.put("no capability", new String[] {form(uncapable.token(), capped), "403", "unauthorized_client"});
        cases.put("nothing by default", new String[] {form(agent.token(), "&resource=github&scope=" + enc("environment:prod")), "403", "unauthorized_client"});
        cases.put("unknown provider", new String[] {form(agent.token(), "&resource=bitbucket&scope=" + enc("environment:capped")), "400", "invalid_target"});
        cases.put("no provider", new String[] {form(agent.token(), "&scope=" + enc("environment:capped")), "400", "invalid_request"});
        cases.put("both", new String[] {form(agent.token(), capped + "&audience=github"), "400", "invalid_request"});
        cases.put("bad scope", new String[] {form(agent.token(), "&resource=github&scope=repo"), "400", "invalid_scope"});
        cases.put("unknown environment", new String[] {form(agent.token(), "&resource=github&scope=" + enc("environment:xyz")), "400", "invalid_scope"});
        cases.put("nothing linked", new String[] {form(agent.token(), "&resource=gitlab&scope=" + enc("environment:capped")), "400", "invalid_target"});

        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] v = c.getValue();
            TestHttp.Response r = v[0].equals("json")
                    ? http.send("POST", "/v1/token-exchange", null, "application/json", "{\"grant_type\":\"x\"}")
                    : exchange(v[0]);
            answers.add(r);
            assertThat(r.status()).as(c.getKey() + " " + r.body()).isEqualTo(Integer.parseInt(v[1]));
            assertThat(r.contentType()).as(c.getKey()).startsWith("application/json");
            assertThat(r.json().path("error").asText()).as(c.getKey()).isEqualTo(v[2]);
            assertThat(r.json().path("error_description").asText()).as(c.getKey()).isNotBlank().doesNotContain("Exception");
            assertThat(r.json().has("code")).as("not a problem document").isFalse();
        }
        assertThat(audit("DENY", "token:" + plain.id())).hasSize(1);
        assertThat(audit("DENY", "token:" + uncapable.id())).hasSize(1);
        assertThat(audit("DENY", "token:" + agent.id())).hasSize(7)
                .anySatisfy(a -> assertThat(a).contains("'bitbucket' is not supported; supported: github, gitlab, jira, generic"));
        assertThat(audit("DENY", "anonymous")).as("refused before the subject is known: nobody to hold to account, "
                + "and an anonymous client must not grow the chain").isEmpty();
        assertNoCanaryOutsideTheGrant();
    }
}
