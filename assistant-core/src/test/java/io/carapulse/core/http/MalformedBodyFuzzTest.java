package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that takes a JSON body, found from the router (a new endpoint is covered without
 * touching this test), gets a corpus of malformed bodies: syntax errors, wrong shapes, and every
 * field of a valid body replaced by a value of another type, wrapped in a list, duplicated or joined
 * by an unknown field. No answer may be a 5xx, every answer is a problem document in the client's
 * terms (no Java type or library name), and nothing is stored.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class MalformedBodyFuzzTest {

    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|Jackson|Micronaut|Netty|Exception|setterless|deserializ|"
                    + "\\bclass [A-Z]|`[a-z]+\\.");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid body for each body endpoint the corpus mutates; others get the generic corpus only. */
    private static final Map<String, String> VALID = Map.of(
            "POST /v1/plans", "{\"environment\":\"prod\",\"summary\":\"read web\",\"steps\":[{\"tool\":\"fake\","
                    + "\"action\":\"get\",\"args\":{\"name\":\"web\"},\"stage\":\"act\",\"timeoutSeconds\":30}]}",
            "PUT /v1/plans/{id}/steps", "{\"steps\":[{\"tool\":\"fake\",\"action\":\"scale\","
                    + "\"args\":{\"name\":\"web\",\"replicas\":4}}]}",
            "POST /v1/plans/{id}/approval", "{\"decision\":\"reject\",\"note\":\"n\",\"reason\":\"r\","
                    + "\"fingerprint\":\"0000\"}",
            "POST /v1/executions/{id}/resolve", "{\"outcome\":\"failed\",\"note\":\"n\"}",
            "POST /v1/sessions", "{\"environment\":\"prod\",\"title\":\"t\"}",
            "POST /v1/sessions/{id}/messages", "{\"text\":\"hello\"}",
            "POST /v1/tokens", "{\"name\":\"fuzz\",\"roles\":[\"viewer\"]}");

    private static final List<String> GENERIC = List.of(
            "", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{a:1}", "nul", "tru", "01", "1e999999",
            "null", "true", "1", "-1.5", "\"text\"", "[]", "[{}]", "[null]", "{}", "{}{}", "{} []", "{\"\":1}",
            "{\"zzz\":1}", "\u0000", "{\"a\":\"\u0000\"}", "\uFEFF{}", "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":" + "9".repeat(2000) + "}", "{\"a\":\"\\ud800\"}", "{\"a\":1,\"a\":1}");

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;
    @Inject FakeWorld world;

    @Test
    void shouldAnswerEveryMalformedBodyWithAProblemAndStoreNothing() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "fuzz-admin", List.of("admin")).token();
        world.reset();
        world.deploy("web", 2);
        JsonNode plan = http.post("/v1/plans", admin, "{\"environment\":\"prod\",\"summary\":\"scale\",\"steps\":"
                + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}").json();
        String planId = plan.get("id").asText();
        String fingerprint = plan.get("fingerprint").asText();
        String sessionId = http.post("/v1/sessions", admin, "{\"environment\":\"prod\"}").json().get("id").asText();

        List<String> routes = bodyRoutes();
        assertThat(routes).containsAll(VALID.keySet());

        var plansBefore = plans.list(null, null, null, null, 1).items();
        var tokensBefore = tokens.list(Actor.SYSTEM, null, 1, 0).items();
        int sessionsBefore = http.get("/v1/sessions", admin).json().size();
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1)
                    .replace("/plans/{id}", "/plans/" + planId)
                    .replace("/sessions/{id}", "/sessions/" + sessionId)
                    .replaceAll("\\{[^}]+}", "x-" + planId);
            List<String> corpus = new ArrayList<>(GENERIC);
            if (VALID.containsKey(route)) {
                corpus.addAll(mutations(VALID.get(route)));
            }
            for (String body : corpus) {
                TestHttp.Response r = http.send(method, path, admin, "application/json", body);
                sent++;
                String problem = check(r);
                if (problem != null) {
                    failures.add(route + " " + abbreviate(body) + " -> " + r.status() + " " + problem + ": "
                            + abbreviate(r.body()));
                }
            }
        }
        assertThat(failures).as("answers that broke the contract").isEmpty();
        assertThat(sent).isGreaterThan(300);
        assertThat(plans.list(null, null, null, null, 1).items()).as("plans stored").isEqualTo(plansBefore);
        assertThat(tokens.list(Actor.SYSTEM, null, 1, 0).items()).as("tokens stored").isEqualTo(tokensBefore);
        assertThat(http.get("/v1/sessions", admin).json().size()).as("sessions stored").isEqualTo(sessionsBefore);
        JsonNode after = http.get("/v1/plans/" + planId, admin).json();
        assertThat(after.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(after.get("fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(http.get("/v1/sessions/" + sessionId, admin).json().get("messages")).isEmpty();
    }

    private List<String> bodyRoutes() {
        TreeSet<String> out = new TreeSet<>();
        router.uriRoutes()
                .filter(r -> r.getHttpMethod() == HttpMethod.POST || r.getHttpMethod() == HttpMethod.PUT
                        || r.getHttpMethod() == HttpMethod.PATCH)
                .filter(r -> r.getBodyArgument().isPresent())
                .map(r -> r.getHttpMethodName() + " " + template(r))
                .filter(r -> r.contains(" /v1/"))
                // form-encoded and answering OAuth errors (RFC 8693/6749), not JSON: TokenExchangeApiTest
                .filter(r -> !r.equals("POST /v1/token-exchange"))
                .forEach(out::add);
        return new ArrayList<>(out);
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString().replaceAll("\\{([^}:]+)[^}]*}", "{$1}");
    }

    /** A problem description, or null when the answer keeps the contract. */
    private static String check(TestHttp.Response r) {
        if (r.status() >= 500) {
            return "a server error";
        }
        if (r.status() < 400) {
            return "accepted";
        }
        if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
            return "not a problem document";
        }
        if (INTERNALS.matcher(r.body()).find()) {
            return "internals in the answer";
        }
        return null;
    }

    /** Every field of the valid body given another type, wrapped in a list, duplicated, or joined by another. */
    static List<String> mutations(String valid) throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode root = JSON.readTree(valid);
        List<String> pointers = new ArrayList<>();
        collect(root, "", pointers);
        for (String pointer : pointers) {
            JsonNode original = root.at(pointer);
            for (JsonNode replacement : replacements(original)) {
                JsonNode copy = root.deepCopy();
                set(copy, pointer, replacement);
                out.add(JSON.writeValueAsString(copy));
            }
        }
        for (String pointer : objects(root)) {
            ObjectNode copy = (ObjectNode) root.deepCopy();
            ObjectNode target = pointer.isEmpty() ? copy : (ObjectNode) copy.at(pointer);
            if (!pointer.endsWith("/args")) {
                target.put("zzzUnknown", 1);
                out.add(JSON.writeValueAsString(copy));
            }
            String text = JSON.writeValueAsString(root.at(pointer.isEmpty() ? "" : pointer));
            Iterator<Map.Entry<String, JsonNode>> fields = root.at(pointer.isEmpty() ? "" : pointer).fields();
            if (fields.hasNext()) {
                Map.Entry<String, JsonNode> first = fields.next();
                String dup = "{\"" + first.getKey() + "\":" + JSON.writeValueAsString(first.getValue()) + ","
                        + text.substring(1);
                String whole = JSON.writeValueAsString(root);
                out.add(pointer.isEmpty() ? dup : whole.replace(text, dup));
            }
        }
        out.add(valid + " {}");
        out.add("[" + valid + "]");
        return out;
    }

    private static List<JsonNode> replacements(JsonNode original) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>();
        ArrayNode wrapped = f.arrayNode().add(original.deepCopy());
        out.add(wrapped);
        if (!original.isNumber()) {
            out.add(f.numberNode(12));
        } else {
            out.add(f.textNode(original.asText()));
            out.add(f.numberNode(original.asDouble() + 0.5));
        }
        if (!original.isBoolean()) {
            out.add(f.booleanNode(true));
        }
        if (!original.isObject()) {
            out.add(f.objectNode());
        }
        if (original.isArray()) {
            out.add(original.size() > 0 ? original.get(0).deepCopy() : f.objectNode());
        }
        return out;
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = pointer + "/" + e.getKey();
                out.add(p);
                collect(e.getValue(), p, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static List<String> objects(JsonNode root) {
        List<String> out = new ArrayList<>();
        out.add("");
        List<String> all = new ArrayList<>();
        collect(root, "", all);
        for (String p : all) {
            if (root.at(p).isObject()) {
                out.add(p);
            }
        }
        for (int i = 0; i < root.path("steps").size(); i++) {
            out.add("/steps/" + i);
        }
        return out;
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.replace("\n", "\\n");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

}
