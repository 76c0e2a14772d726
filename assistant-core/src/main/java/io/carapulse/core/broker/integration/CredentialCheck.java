package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.error.ProblemCode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks a credential against its service before anything is stored: GitHub {@code GET /user} (bearer),
 * GitLab {@code GET /api/v4/user} ({@code PRIVATE-TOKEN}, then the token's self-info for its scopes),
 * Jira {@code GET /rest/api/3/myself} (basic auth), a generic token's {@code validateUrl} (bearer, 2xx).
 * Every answer other than success becomes a {@link Refusal} here, in one place ({@link #failure}).
 * Nothing is logged; no message carries the credential.
 */
@Singleton
class CredentialCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 200;

    private final HttpClient http;
    private final Duration timeout;

    CredentialCheck(@Value("${carapulse.broker.validation-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Who the credential is, as the service says.
     *
     * @throws Refusal when the service refused it, limited the call, could not be reached or answered
     *                      in a shape it does not have
     */
    Identity check(Provider provider, URI base, Credentials credentials, URI validateUrl) {
        return switch (provider) {
            case GITHUB -> github(base, credentials);
            case GITLAB -> gitlab(base, credentials);
            case JIRA -> jira(base, credentials);
            case GENERIC -> generic(validateUrl, credentials);
        };
    }

    private Identity github(URI base, Credentials c) {
        HttpResponse<String> r = get(Provider.GITHUB, resolve(base, "/user"), c, "Authorization",
                "Bearer " + c.get("token"), "Accept", "application/vnd.github+json");
        JsonNode user = json(Provider.GITHUB, r);
        List<String> scopes = r.headers().firstValue("X-OAuth-Scopes").map(CredentialCheck::split).orElse(List.of());
        return new Identity(text(user, "login"), text(user, "id"), scopes);
    }

    private Identity gitlab(URI base, Credentials c) {
        HttpResponse<String> r = get(Provider.GITLAB, resolve(base, "/api/v4/user"), c, "PRIVATE-TOKEN", c.get("token"));
        JsonNode user = json(Provider.GITLAB, r);
        List<String> scopes = List.of();
        try {
            HttpResponse<String> self = send(Provider.GITLAB, resolve(base, "/api/v4/personal_access_tokens/self"),
                    "PRIVATE-TOKEN", c.get("token"));
            if (self.statusCode() == 200) {
                List<String> found = new ArrayList<>();
                JSON.readTree(self.body()).path("scopes").forEach(s -> found.add(s.asText()));
                scopes = found;
            }
        } catch (Refusal | IOException e) {
            // the scopes are a courtesy: a token the user endpoint accepted is valid without them
        }
        return new Identity(text(user, "username"), text(user, "id"), scopes);
    }

    private Identity jira(URI base, Credentials c) {
        String basic = Base64.getEncoder().encodeToString(
                (c.get("username") + ":" + c.get("api_token")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = get(Provider.JIRA, resolve(base, "/rest/api/3/myself"), c, "Authorization",
                "Basic " + basic, "Accept", "application/json");
        JsonNode me = json(Provider.JIRA, r);
        String name = text(me, "emailAddress") != null ? text(me, "emailAddress") : text(me, "displayName");
        return new Identity(name, text(me, "accountId"), List.of());
    }

    private Identity generic(URI validateUrl, Credentials c) {
        if (validateUrl == null) {
            return Identity.UNKNOWN;
        }
        get(Provider.GENERIC, validateUrl, c, "Authorization", "Bearer " + c.get("token"));
        return Identity.UNKNOWN;
    }

    /** A GET whose answer is 2xx, or the failure it means. */
    private HttpResponse<String> get(Provider p, URI uri, Credentials c, String... headers) {
        HttpResponse<String> r = send(p, uri, headers);
        if (r.statusCode() / 100 != 2) {
            throw failure(p, uri, r, c);
        }
        return r;
    }

    private HttpResponse<String> send(Provider p, URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "carapulse-broker");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " at " + origin(uri)
                    + " could not be reached: no connection within " + timeout.toSeconds() + " s; nothing was stored");
        } catch (HttpTimeoutException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " at " + origin(uri)
                    + " did not answer within " + timeout.toSeconds() + " s; nothing was stored");
        } catch (ConnectException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " at " + origin(uri)
                    + " could not be reached: connection refused; nothing was stored");
        } catch (IOException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " at " + origin(uri)
                    + " could not be reached (" + e.getClass().getSimpleName() + "); nothing was stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, "the check of the credential was interrupted");
        }
    }

    /** What a service's answer other than 2xx means, for every provider. */
    static Refusal failure(Provider p, URI uri, HttpResponse<String> r, Credentials c) {
        int status = r.statusCode();
        String said = c.scrub(message(r.body(), status));
        String what = p == Provider.JIRA ? "the credentials" : "the token";
        boolean rateLimitSpent = r.headers().firstValue("X-RateLimit-Remaining").map("0"::equals).orElse(false);
        if (status == 429 || (status == 403 && rateLimitSpent)) {
            long retry = r.headers().firstValue("Retry-After").flatMap(CredentialCheck::seconds)
                    .or(() -> r.headers().firstValue("X-RateLimit-Reset").flatMap(CredentialCheck::seconds)
                            .map(reset -> Math.max(1, reset - System.currentTimeMillis() / 1000)))
                    .orElse(60L);
            return new Refusal(ProblemCode.PROVIDER_RATE_LIMITED, p.display() + " is rate-limiting the check: "
                    + status + " " + said + "; try again in " + retry + " s; nothing was stored",
                    java.util.Map.of("retryAfterSeconds", retry));
        }
        if (status == 401 || status == 403) {
            return new Refusal(ProblemCode.CREDENTIAL_REJECTED,
                    p.display() + " refused " + what + ": " + status + " " + said);
        }
        if (status >= 500) {
            return new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " at " + origin(uri) + " answered "
                    + status + " " + said + "; nothing was stored");
        }
        return new Refusal(ProblemCode.VALIDATION_FAILED, p.display() + " answered " + status + " " + said + " at "
                + uri + ": is the URL the service's?");
    }

    private static JsonNode json(Provider p, HttpResponse<String> r) {
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // below
        }
        throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, p.display() + " answered " + r.statusCode()
                + " but not with the JSON object it sends: is the URL the service's?");
    }

    /** The service's own message (GitHub/GitLab {@code message}, Jira {@code errorMessages}), short and printable. */
    static String message(String body, int status) {
        String text = null;
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node != null) {
                if (node.path("message").isTextual()) {
                    text = node.path("message").asText();
                } else if (node.path("errorMessages").isArray() && !node.path("errorMessages").isEmpty()) {
                    text = node.path("errorMessages").get(0).asText();
                } else if (node.path("error").isTextual()) {
                    text = node.path("error").asText();
                }
            }
        } catch (IOException e) {
            // not JSON: the reason phrase below
        }
        if (text == null || text.isBlank()) {
            text = switch (status) {
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 429 -> "Too Many Requests";
                default -> "";
            };
        }
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private static java.util.Optional<Long> seconds(String value) {
        try {
            return java.util.Optional.of(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static List<String> split(String header) {
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
