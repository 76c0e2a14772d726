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
import java.time.Duration;

/**
 * The broker's calls to a service when it mints or deprovisions (GitHub's app endpoints, GitLab's service
 * accounts and access tokens): one request with the broker's timeout ({@code carapulse.broker.validation-timeout}),
 * redirects not followed; a network failure is a {@link Refusal} {@code provider_unreachable}, an answer other
 * than 2xx is mapped as {@link CredentialCheck#failure} maps it. Nothing is logged.
 */
@Singleton
class ProviderHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    ProviderHttp(@Value("${carapulse.broker.validation-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The client minting uses (GitHub App installation tokens). */
    HttpClient client() {
        return http;
    }

    /**
     * Sends {@code method uri} with {@code body} (JSON, or null) and the header pairs.
     *
     * @throws Refusal {@code provider_unreachable} when the service could not be reached or did not answer in time
     */
    HttpResponse<String> send(Provider p, String method, URI uri, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("User-Agent", "carapulse-broker");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        String where = p.display() + " at " + uri.getScheme() + "://" + uri.getAuthority();
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, where + " could not be reached: no connection within "
                    + timeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, where + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, where + " could not be reached: connection refused");
        } catch (IOException e) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, where + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, "the call to " + where + " was interrupted");
        }
    }

    /**
     * The JSON object of a 2xx answer.
     *
     * @param secrets what the service may echo back and must not be quoted (a token, a JWT)
     * @throws Refusal what another status means ({@link CredentialCheck#failure}), or {@code provider_unreachable}
     *                 for an answer that is not a JSON object
     */
    static JsonNode object(Provider p, URI uri, HttpResponse<String> r, Credentials secrets) {
        if (r.statusCode() / 100 != 2) {
            throw CredentialCheck.failure(p, uri, r, secrets);
        }
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

    /** {@code base} (without a trailing slash) followed by {@code path}. */
    static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    /** A field as text; null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
