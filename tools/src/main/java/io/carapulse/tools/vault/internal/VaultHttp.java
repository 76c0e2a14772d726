package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.tools.vault.VaultInstance;
import io.github.jopenlibs.vault.rest.Rest;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One exchange with Vault's HTTP API through the Vault Java Driver's {@link Rest} client: the token only in
 * {@code X-Vault-Token}, the namespace in {@code X-Vault-Namespace}, JSON bodies. It never judges a status
 * and never logs (the driver's {@code Rest} does not either): callers map statuses with
 * {@link VaultHttpErrors} and keep bodies out of evidence.
 */
public final class VaultHttp {

    /** The header that carries a token; never anything else. */
    public static final String TOKEN_HEADER = "X-Vault-Token";
    /** The header that carries the Enterprise namespace. */
    public static final String NAMESPACE_HEADER = "X-Vault-Namespace";

    private final Supplier<HttpClient> http;

    /** {@code http} is asked for at each call, so a caller can build its client at the first one. */
    public VaultHttp(Supplier<HttpClient> http) {
        this.http = http;
    }

    /**
     * An answer, whatever its status.
     *
     * @param status the HTTP status
     * @param body   the body as text (may hold a token: callers never store it as is)
     */
    public record Raw(int status, String body) {
    }

    /** The URL of {@code path} (after {@code /v1/}) on {@code vault}. */
    public static String url(VaultInstance vault, String path) {
        return vault.address() + "/v1/" + path;
    }

    /**
     * Sends {@code method} to {@code /v1/<path>}.
     *
     * @param token   the token for {@code X-Vault-Token}, or null for an unauthenticated call (health, login)
     * @param timeout how long to wait for the answer
     * @throws RestException when no answer came (connection refused, timeout)
     */
    public Raw exchange(VaultInstance vault, String method, String path, JsonNode body, String token, Duration timeout)
            throws RestException {
        Rest rest = new Rest(http.get()).url(url(vault, path))
                .connectTimeoutSeconds(10)
                .readTimeoutSeconds((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())))
                .header("X-Vault-Request", "true");
        if (token != null) {
            rest.header(TOKEN_HEADER, token);
        }
        vault.namespace().ifPresent(ns -> rest.header(NAMESPACE_HEADER, ns));
        if (body != null) {
            rest.header("Content-Type", "application/json").body(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        RestResponse response = switch (method) {
            case "GET" -> rest.get();
            case "POST" -> rest.post();
            case "PUT" -> rest.put();
            case "DELETE" -> rest.delete();
            default -> throw new IllegalArgumentException("unsupported method " + method);
        };
        byte[] bytes = response.getBody();
        return new Raw(response.getStatus(), bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
    }
}
