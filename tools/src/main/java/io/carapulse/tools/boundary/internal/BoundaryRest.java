package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.boundary.BoundaryInstance;
import io.carapulse.tools.transport.JsonHttpCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Boundary's REST API with the JDK client: the login with the environment's password auth method
 * ({@code POST /v1/auth-methods/{id}:authenticate}), its auth token kept in memory per environment until
 * shortly before it expires (and dropped on a 401), and single requests with that token as a bearer
 * header and a fresh {@code X-Correlation-Id} (a UUID Boundary writes into its event log, so an auditor can
 * find the call there). The password and the token never appear in evidence, errors or logs (S4): every
 * body is redacted with both before anyone sees it.
 */
public final class BoundaryRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token is renewed this long before Boundary says it expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    /** How long a token is kept when Boundary gives no expiration time. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private final Supplier<HttpClient> http;
    private final Function<String, BoundaryInstance> inventory;
    private final Function<String, String> secretEnvironment;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /**
     * @param http              asked for at each request, so a caller can build its client at the first one
     * @param inventory         the environment's Boundary, or a {@code target_not_allowed} refusal
     * @param secretEnvironment resolves {@code env:} secret references
     */
    public BoundaryRest(Supplier<HttpClient> http, Function<String, BoundaryInstance> inventory,
                        Function<String, String> secretEnvironment, Clock clock) {
        this.http = http;
        this.inventory = inventory;
        this.secretEnvironment = secretEnvironment;
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /** One answered request: status, redacted body and the correlation id it carried. */
    public record Answer(int status, String body, List<String> command, String correlationId) {
    }

    /** The environment's auth token, logging in when there is none or it is about to expire. */
    public String token(String environment, ToolContext ctx) {
        Token cached = tokens.get(environment);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.value();
        }
        Token fresh = login(environment, ctx);
        tokens.put(environment, fresh);
        return fresh.value();
    }

    /** Forgets {@code token} (Boundary answered 401 with it): the next call logs in again. */
    public void forget(String environment, String token) {
        tokens.computeIfPresent(environment, (k, t) -> t.value().equals(token) ? null : t);
    }

    /** The redactor of a call to {@code environment}: the patterns, the password and the cached token. */
    public Redactor redactor(String environment) {
        List<String> secrets = new ArrayList<>();
        secrets.add(password(environment));
        Token t = tokens.get(environment);
        if (t != null) {
            secrets.add(t.value());
        }
        return Redactor.patterns().with(secrets);
    }

    /** The account's password, resolved now, for a lease to mask; never sent anywhere but the login. */
    public String password(String environment) {
        try {
            return inventory.apply(environment).password().resolve(secretEnvironment).reveal();
        } catch (RuntimeException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "boundary.password of environment " + environment
                    + " cannot be read: " + e.getMessage(), null, e);
        }
    }

    private Token login(String environment, ToolContext ctx) {
        BoundaryInstance b = inventory.apply(environment);
        String password = password(environment);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("command", "login");
        body.putObject("attributes").put("login_name", b.loginName()).put("password", password);
        Redactor redactor = Redactor.patterns().with(List.of(password));
        // the raw answer: it holds the token, which the redactor's patterns would mask; it goes nowhere else
        HttpResponse<String> response = exchange(environment, "POST", "/v1/auth-methods/" + b.authMethodId()
                + ":authenticate", body, null, redactor, true, ctx, java.util.UUID.randomUUID().toString());
        if (response.statusCode() / 100 != 2) {
            JsonNode envelope = BoundaryErrors.envelope(redactor.redact(response.body()));
            String message = "logging in to Boundary as " + b.loginName() + " with auth method " + b.authMethodId()
                    + " failed: HTTP " + response.statusCode() + BoundaryErrors.detail(envelope, redactor);
            throw BoundaryErrors.MAPPER.exception(response.statusCode(), envelope, true, message, null);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        // recent controllers answer {"command":"login","attributes":{…}}; before 0.2 the token was under "item"
        JsonNode attributes = reply == null ? null
                : reply.has("attributes") ? reply.get("attributes") : reply.get("item");
        String token = attributes == null ? "" : attributes.path("token").asText("");
        if (token.isEmpty()) {
            throw new ToolException(ToolFailure.UNAUTHENTICATED, "Boundary accepted the login of " + b.loginName()
                    + " but returned no auth token", null);
        }
        return new Token(token, renewAt(attributes.path("expiration_time").asText("")));
    }

    private Instant renewAt(String expiration) {
        Instant now = clock.instant();
        try {
            Instant expires = Instant.parse(expiration);
            Instant renew = expires.minus(EXPIRY_MARGIN);
            return renew.isAfter(now) ? renew : now;
        } catch (DateTimeParseException e) {
            return now.plus(DEFAULT_LIFETIME);
        }
    }

    /**
     * One request with the environment's token; a 401 drops the token and the request is sent once more
     * with a new login (Boundary refused it before doing anything). The answer is returned whatever its
     * status; the body is redacted.
     *
     * @param read whether the request belongs to a READ action (only those may be retried by the runtime)
     */
    public Answer authorized(String environment, String method, String pathAndQuery, JsonNode body, boolean read,
                             ToolContext ctx) {
        String token = token(environment, ctx);
        Answer answer = send(environment, method, pathAndQuery, body, token, redactor(environment), read, ctx);
        if (answer.status() == 401) {
            forget(environment, token);
            token = token(environment, ctx);
            answer = send(environment, method, pathAndQuery, body, token, redactor(environment), read, ctx);
        }
        return answer;
    }

    private Answer send(String environment, String method, String pathAndQuery, JsonNode body, String token,
                        Redactor redactor, boolean read, ToolContext ctx) {
        String correlationId = java.util.UUID.randomUUID().toString();
        HttpResponse<String> response = exchange(environment, method, pathAndQuery, body, token, redactor, read, ctx,
                correlationId);
        return new Answer(response.statusCode(), redactor.redact(response.body()),
                List.of(method, response.uri().toString()), correlationId);
    }

    /** The request and its raw answer; only {@link #send} and the login see the body unredacted. */
    private HttpResponse<String> exchange(String environment, String method, String pathAndQuery, JsonNode body,
                                          String token, Redactor redactor, boolean read, ToolContext ctx,
                                          String correlationId) {
        URI uri = URI.create(inventory.apply(environment).address() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("X-Correlation-Id", correlationId);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        JsonHttpCall.request(request, body == null ? null : body.toString(), ctx);
        return JsonHttpCall.send(http.get(), request.build(), "boundary API " + method + " " + uri, read, ctx,
                redactor, evidence(List.of(method, uri.toString()), null, "", correlationId));
    }

    /** Evidence of one request; the core hashes and caps {@code output}. */
    public static ToolResult evidence(List<String> command, Integer status, String body, String correlationId) {
        return new ToolResult(Transport.HTTP, command, null, status, body, null,
                correlationId == null ? Map.of() : Map.of("correlationId", correlationId));
    }
}
