package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code GET /openapi.yml}: served without a token, and it documents every {@code /v1} route the
 * controllers declare (taken from the router, so a new endpoint missing from the document fails here).
 */
@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;

    private TestHttp.Response response;
    private Map<String, Object> document;

    @BeforeEach
    void fetch() {
        response = new TestHttp(server.getURL()).get("/openapi.yml", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        document = new Yaml().load(response.body());
    }

    @Test
    void shouldServeTheDocumentAnonymouslyAsYaml() {
        assertThat(response.contentType()).startsWith("application/yaml");
        assertThat(document.get("openapi").toString()).startsWith("3.");
        assertThat(map(document, "info")).containsEntry("title", "Carapulse").containsEntry("version", "0.1");
    }

    @Test
    void shouldDocumentEveryV1RouteOfTheControllersAndNothingElseUnderV1() {
        // Micronaut adds a HEAD route for every GET on its own; OpenAPI leaves those implicit.
        Set<String> declared = router.uriRoutes()
                .filter(r -> !r.getHttpMethodName().equalsIgnoreCase("HEAD"))
                .map(r -> r.getHttpMethodName().toUpperCase(Locale.ROOT) + " " + path(r.getUriMatchTemplate().toString()))
                .filter(r -> r.contains(" /v1/") || r.endsWith(" /v1"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).as("routes the controllers declare")
                .contains("POST /v1/plans", "GET /v1/executions/{id}/events", "DELETE /v1/tokens/{id}", "GET /v1/me");

        Set<String> documented = new TreeSet<>();
        map(document, "paths").forEach((path, item) -> {
            if (path.startsWith("/v1")) {
                ((Map<String, Object>) item).keySet().stream().filter(HTTP_METHODS::contains)
                        .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path));
            }
        });

        assertThat(documented).as("/v1 operations in /openapi.yml").containsAll(declared);
        assertThat(declared).as("documented operations the server serves").containsAll(documented);
    }

    @Test
    void shouldRequireTheBearerSchemeOnEveryV1Operation() {
        Map<String, Object> bearer = map(map(map(document, "components"), "securitySchemes"), "bearer");
        assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer");
        // the one exception: the browser comes back from GitHub/GitLab to the OAuth callback without a token
        // (its single-use state says whose connection it is)
        v1Operations().entrySet().stream().filter(e -> !e.getKey().equals("GET /v1/connections/callback"))
                .forEach(e -> assertThat((List<Object>) e.getValue().get("security"))
                        .as(e.getKey()).containsExactly(Map.of("bearer", List.of())));
        assertThat(operation("/metrics", "get")).doesNotContainKey("security");
        assertThat((List<Object>) operation("/v1/connections/callback", "get").get("security")).isNullOrEmpty();
    }

    @Test
    void shouldDescribeErrorsAsProblemDocumentsWithACode() {
        Map<String, Object> problem = map(map(map(document, "components"), "schemas"), "Problem");
        assertThat(map(problem, "properties")).containsKeys("type", "title", "status", "code", "detail");
        v1Operations().forEach((name, operation) -> {
            for (String range : List.of("4XX", "5XX")) {
                Map<String, Object> content = map(map(map(operation, "responses"), range), "content");
                assertThat(map(map(content, "application/problem+json"), "schema"))
                        .as(name + " " + range).containsEntry("$ref", "#/components/schemas/Problem");
            }
        });
    }

    @Test
    void shouldCarryTheStatusesAndMediaTypesTheServerAnswersWith() {
        assertThat(responses("/v1/plans", "post")).containsKey("201").doesNotContainKey("200");
        assertThat(map(map(responses("/v1/plans", "post"), "201"), "content")).containsKey("application/json");
        assertThat(responses("/v1/tokens", "post")).containsKey("201").doesNotContainKey("200");
        assertThat(responses("/v1/plans/{id}/execute", "post")).containsKey("202").doesNotContainKey("200");
        assertThat(responses("/v1/tokens/{id}", "delete")).containsKey("204").doesNotContainKey("200");
        assertThat(map(map(responses("/v1/executions/{id}/events", "get"), "200"), "content"))
                .containsOnlyKeys("text/event-stream");
    }

    @Test
    void shouldDocumentTokenExchangeAsOAuthWithItsOwnErrors() {
        Map<String, Object> operation = operation(TOKEN_EXCHANGE, "post");
        assertThat(operation.get("security")).as("the agent's token is the subject_token, not a bearer header").isNull();
        for (String range : List.of("4XX", "5XX")) {
            assertThat(map(map(map(map(operation, "responses"), range), "content"), "application/json"))
                    .containsEntry("schema", Map.of("$ref", "#/components/schemas/OAuthError"));
        }
    }

    private static final String TOKEN_EXCHANGE = "/v1/token-exchange";

    /** {@code /v1/plans/{id}{?status}} → {@code /v1/plans/{id}}: query variables are not part of the path. */
    private static String path(String template) {
        int query = template.indexOf("{?");
        return query < 0 ? template : template.substring(0, query);
    }

    private Map<String, Map<String, Object>> v1Operations() {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        map(document, "paths").forEach((path, item) -> {
            // token exchange speaks OAuth (RFC 8693/6749): no bearer header, OAuth errors; checked on its own below
            if (path.startsWith("/v1") && !path.equals(TOKEN_EXCHANGE)) {
                ((Map<String, Object>) item).forEach((method, op) -> {
                    if (HTTP_METHODS.contains(method)) {
                        result.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) op);
                    }
                });
            }
        });
        assertThat(result).isNotEmpty();
        return result;
    }

    private Map<String, Object> operation(String path, String method) {
        return map(map(map(document, "paths"), path), method);
    }

    private Map<String, Object> responses(String path, String method) {
        return map(operation(path, method), "responses");
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("document member").containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
